# Writes a C++ file holding every data/prices/aws/*.yaml as raw strings, so the catalogs ship
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
  # In pieces of at most 32,000 bytes, cut after a newline, joined when the program starts: C++
  # compilers need only take string literals of 65,536 bytes (clang -Wpedantic warns past that).
  string(APPEND body "      {\"${region}\", join({")
  while(NOT text STREQUAL "")
    string(LENGTH "${text}" length)
    if(length GREATER 32000)
      string(SUBSTRING "${text}" 0 32000 head)
      string(FIND "${head}" "\n" cut REVERSE)
      if(cut EQUAL -1)
        set(cut 31999)
      endif()
      math(EXPR cut "${cut} + 1")
    else()
      set(cut ${length})
    endif()
    string(SUBSTRING "${text}" 0 ${cut} piece)
    string(SUBSTRING "${text}" ${cut} -1 text)
    string(APPEND body "R\"${delimiter}(${piece})${delimiter}\", ")
  endwhile()
  string(APPEND body "})},\n")
endforeach()
set(content "// Generated from ${CATALOG_DIR} by embed_price_catalogs.cmake; edit the YAML files instead.
#include \"pricing/embedded_catalogs.hpp\"

#include <initializer_list>

namespace computefit {
namespace {

std::string join(std::initializer_list<std::string_view> pieces) {
  std::string text;
  for (std::string_view piece : pieces) text += piece;
  return text;
}

}  // namespace

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
