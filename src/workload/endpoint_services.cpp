#include "workload/endpoint_services.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

#include "workload/suggest.hpp"

namespace computefit {
namespace {

// AWS endpoint services, the part of their name after `com.amazonaws.REGION.`, spelled as AWS
// spells them in the "Service name" column of "AWS services that integrate with AWS PrivateLink"
// (AWS PrivateLink Guide, docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-
// support.html, read 2026-12-02). Gateway endpoints exist for Amazon S3 and DynamoDB only
// ("Gateway endpoints", same guide). The table keeps the services a workload's compute calls or
// its platform needs; FIPS variants, consoles and management-only services are left out. `data`
// marks the services SPEC.md names as carrying request payloads (s3, dynamodb, sqs, sns, Kinesis
// Data Streams, Data Firehose).
constexpr EndpointService kEndpointServices[] = {
    // Storage and data
    {"s3", true, true},
    {"dynamodb", true, true},
    {"dynamodb-streams"},
    {"rds"},  // Amazon RDS, Aurora, DocumentDB (the RDS API)
    {"rds-data"},
    {"dsql"},
    {"elasticache"},
    {"memory-db"},
    {"cassandra"},  // Amazon Keyspaces
    {"redshift"},
    {"redshift-data"},
    {"athena"},
    {"glue"},
    {"elasticfilesystem"},
    {"fsx"},
    {"ebs"},
    {"backup"},
    {"datasync"},
    // Messaging and integration
    {"sqs", false, true},
    {"sns", false, true},
    {"kinesis-streams", false, true},
    {"kinesis-firehose", false, true},
    {"kafka"},  // Amazon MSK
    {"mq"},
    {"events"},
    {"pipes"},
    {"schemas"},
    {"scheduler"},
    {"states"},
    {"sync-states"},
    {"lambda"},
    {"execute-api"},
    {"apigateway"},
    {"appsync-api"},
    {"email-smtp"},  // Amazon SES
    {"servicediscovery"},
    {"data-servicediscovery"},
    {"vpc-lattice"},
    {"appconfig"},
    {"appconfigdata"},
    // Security and identity
    {"secretsmanager"},
    {"ssm"},
    {"ssmmessages"},
    {"ec2messages"},
    {"kms"},
    {"sts"},
    {"acm"},
    {"acm-pca"},
    // Compute platforms
    {"ecr.api"},
    {"ecr.dkr"},
    {"ecs"},
    {"ecs-agent"},
    {"ecs-telemetry"},
    {"eks"},
    {"eks-auth"},
    {"ec2"},
    {"autoscaling"},
    {"application-autoscaling"},
    {"elasticloadbalancing"},
    {"batch"},
    {"elasticmapreduce"},
    {"emr-serverless"},
    // Observability
    {"logs"},
    {"monitoring"},
    {"application-signals"},
    {"xray"},
    {"aps-workspaces"},  // Amazon Managed Service for Prometheus (remote write)
    {"cloudtrail"},
    // Delivery
    {"cloudformation"},
    {"codeartifact.api"},
    {"codeartifact.repositories"},
    {"codebuild"},
    {"codecommit"},
    {"git-codecommit"},
    {"codedeploy"},
    {"codedeploy-commands-secure"},
    {"codepipeline"},
    // Machine learning
    {"bedrock"},
    {"bedrock-runtime"},
    {"bedrock-agent"},
    {"bedrock-agent-runtime"},
    {"sagemaker.api"},
    {"sagemaker.runtime"},
    {"comprehend"},
    {"rekognition"},
    {"textract"},
    {"translate"},
    {"transcribe"},
    {"transcribestreaming"},
    {"polly"},
};

// Names people use for a service whose endpoint AWS names otherwise: suggestions only, never
// accepted, so that a spec has one spelling per endpoint.
constexpr std::pair<std::string_view, std::string_view> kEverydayNames[] = {
    {"kinesis", "kinesis-streams"},
    {"firehose", "kinesis-firehose"},
    {"cloudwatch", "monitoring"},
    {"cloudwatch-logs", "logs"},
    {"eventbridge", "events"},
    {"step-functions", "states"},
    {"stepfunctions", "states"},
    {"sfn", "states"},
    {"api-gateway", "execute-api"},
    {"ses", "email-smtp"},
    {"parameter-store", "ssm"},
    {"elb", "elasticloadbalancing"},
    {"alb", "elasticloadbalancing"},
    {"efs", "elasticfilesystem"},
    {"aurora", "rds"},
    {"msk", "kafka"},
    {"keyspaces", "cassandra"},
    {"emr", "elasticmapreduce"},
    {"sagemaker", "sagemaker.runtime"},
    {"prometheus", "aps-workspaces"},
    {"cloudmap", "servicediscovery"},
    {"ecr", "ecr.api"},  // where the `ecr` shorthand is not accepted (outbound)
};

}  // namespace

std::span<const EndpointService> endpoint_services() {
  return kEndpointServices;
}

const EndpointService* find_endpoint_service(std::string_view name) {
  for (const EndpointService& e : kEndpointServices) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

std::vector<std::string_view> expand_endpoint_shorthand(std::string_view name) {
  // ECR needs two interface endpoints: the registry API and the Docker registry itself.
  if (name == "ecr") return {"ecr.api", "ecr.dkr"};
  return {};
}

std::optional<std::string_view> suggest_endpoint_service(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  // A full service name, com.amazonaws.us-east-1.sqs: the part after the region.
  if (lower.rfind("com.amazonaws.", 0) == 0) {
    const std::size_t region_end = lower.find('.', std::string_view("com.amazonaws.").size());
    if (region_end != std::string::npos) lower.erase(0, region_end + 1);
  }
  if (const EndpointService* e = find_endpoint_service(lower)) return e->name;
  for (const auto& [everyday, aws] : kEverydayNames) {
    if (everyday == lower) return aws;
  }
  std::vector<std::string_view> names;
  for (const EndpointService& e : kEndpointServices) names.push_back(e.name);
  return nearest(lower, names);  // views of the table's names, not of `lower`
}

}  // namespace computefit
