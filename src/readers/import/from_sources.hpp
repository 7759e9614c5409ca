#pragma once
// The import model filled from each kind of input (one file per kind).

#include "readers/cloudformation/template.hpp"
#include "readers/import/resource_model.hpp"
#include "readers/terraform/plan.hpp"

namespace computefit::readers {

/// A resolved CloudFormation, SAM or CDK template's services and databases.
void import_template(const Template& t, ImportedModel& model);

/// A Terraform plan's services and databases.
void import_plan(const Plan& plan, ImportedModel& model);

}  // namespace computefit::readers
