#include <fmt/format.h>

#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"
#include "rules/wording.hpp"
#include "runtimes/lambda_limits.hpp"

namespace computefit {
namespace {

// A body above this share of the invocation limit leaves no room for a larger day's payload.
constexpr double kHeadroomShare = 0.8;

struct Body {
  std::string_view key;  ///< the spec key it was written under
  std::string_view what;
  double kb;
};

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Rule rule = lambda_payload_limit_rule();
  const LambdaLimits& limits = lambda_limits();
  for (std::size_t i = 0; i < context.spec.services.size(); ++i) {
    const Service& service = context.spec.services[i];
    // A payload past the limit in `needs.payload_mb` already makes Lambda infeasible.
    if (service.kind == ServiceKind::scheduled ||
        !feasible_estimate(context, i, RuntimeId::lambda)) {
      continue;
    }
    const bool sync = service.kind == ServiceKind::http;
    const double limit_kb = 1024 * (sync ? limits.sync_payload_mb : limits.async_payload_mb);
    std::vector<Body> bodies = {
        {"request_kb", "request", service.request_kb},
        {"needs.payload_mb", "largest payload", service.needs.payload_mb * 1024}};
    // An asynchronous invocation returns nothing to its caller.
    if (sync) bodies.insert(bodies.begin() + 1, {"response_kb", "response", service.response_kb});
    const Body* largest = nullptr;
    for (const Body& body : bodies) {
      if (!largest || body.kb > largest->kb) largest = &body;
    }
    if (largest->kb <= kHeadroomShare * limit_kb) continue;

    const std::string limit_text =
        sync ? fmt::format("{:g} MB synchronous invocation limit ({} KB)", limits.sync_payload_mb,
                           thousands(limit_kb))
             : fmt::format("{} KB asynchronous invocation limit", thousands(limit_kb));
    const std::string share =
        largest->kb > limit_kb
            ? fmt::format("{}% of it: Lambda rejects such {}",
                          thousands(100 * largest->kb / limit_kb),
                          largest->key == "response_kb" ? "responses (the caller gets an error "
                                                          "after the function has run)"
                                                        : "invocations before the function runs")
            : fmt::format("{}% of it, {} KB of headroom", thousands(100 * largest->kb / limit_kb),
                          thousands(limit_kb - largest->kb));
    std::string message = fmt::format(
        "On Lambda, {}'s {} of {} KB against the {} is {}. Remedy: the "
        "claim-check pattern: put the body in S3 and pass its key ({}), so the invocation "
        "carries well under 1 KB whatever the body's size.",
        service.name, largest->what, thousands(largest->kb), limit_text, thousands(limit_kb), share,
        sync ? "uploads through a presigned S3 URL, responses as a presigned download URL"
             : "the message carries the bucket and key, the function reads the object");
    out.push_back({i, make_finding(rule, RuntimeId::lambda, std::move(message),
                                   service_location(context.spec, service, largest->key))});
  }
}

}  // namespace

Rule lambda_payload_limit_rule() {
  return {"lambda-payload-limit",
          Severity::high,
          "Payloads near Lambda's invocation limit",
          "On Lambda, a request or response body (request_kb, response_kb or needs.payload_mb) "
          "is above 80% of the invocation payload limit: 6 MB for a synchronous (http) "
          "invocation, 1 MB for an asynchronous one (event, worker). Above the limit Lambda "
          "rejects the invocation (or the response).",
          "Pass a reference instead of the body (claim check): store it in S3 and send the "
          "bucket and key, or hand out presigned S3 URLs for uploads and downloads.",
          check,
          /*needs_simulation=*/false};
}

}  // namespace computefit
