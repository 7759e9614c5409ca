# Writes a C++ file holding every data/prices/aws/*.yaml as a raw string, so the catalogs ship
# inside the binary. Run as: cmake -DCATALOG_DIR=<dir> -DOUTPUT=<file.cpp> -P embed_price_catalogs.cmake
file(GLOB catalogs "${CATALOG_DIR}/*.yaml")
list(SORT catalogs)
set(delimiter "cfcatalog8d1e")  # C++ allows at most 16 characters
set(body "")
foreach(path IN LISTS catalogs)
  get_filename_component(region "${path}" NAME_WE)
  file(READ "${path}" text)
  string(FIND "${text}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${path} contains the raw-string delimiter ${delimiter}")
  endif()
  string(APPEND body "      {\"${region}\", R\"${delimiter}(${text})${delimiter}\"},\n")
endforeach()
set(content "// Generated from ${CATALOG_DIR} by embed_price_catalogs.cmake; edit the YAML files instead.
#include \"pricing/embedded_catalogs.hpp\"

namespace computefit {

const std::vector<EmbeddedCatalog>& embedded_price_catalogs() {
  static const std::vector<EmbeddedCatalog> catalogs = {
${body}  };
  return catalogs;
}

}  // namespace computefit
")
# Only touch the output when it changes, so an unchanged catalog does not rebuild dependents.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
  if(old STREQUAL content)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${content}")
