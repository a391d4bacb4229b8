# shellcheck shell=bash disable=SC2034  # the variables set here are used by the scripts that source it
# Shared by deploy.sh and destroy.sh (sourced, not run): settings, prerequisite checks and the few
# AWS CLI questions both scripts ask. Every AWS call goes through the `aws` on PATH.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
stack_name="${STACK_NAME:-dynamodbmanager}"
region="${AWS_REGION:-${AWS_DEFAULT_REGION:-}}"
artifact_bucket="${ARTIFACT_BUCKET:-}"

fail() {
  echo "$(basename "$0"): $*" >&2
  exit 2
}

# Takes the value of a flag that needs one, or stops with a usage error.
flag_value() {
  if [ "$#" -lt 2 ] || [ -z "$2" ]; then
    fail "$1 needs a value (see --help)"
  fi
  printf '%s' "$2"
}

# The AWS CLI, logged in, and a region: checked before anything is built or changed.
require_aws() {
  command -v aws >/dev/null 2>&1 ||
    fail "the AWS CLI ('aws') is not installed or not on PATH: install AWS CLI v2 and run 'aws configure'"
  if ! account_id="$(aws sts get-caller-identity --query Account --output text 2>/dev/null)" || [ -z "$account_id" ]; then
    fail "the AWS CLI has no valid credentials ('aws sts get-caller-identity' failed): run 'aws configure' or 'aws sso login', or set AWS_PROFILE"
  fi
  if [ -z "$region" ]; then
    region="$(aws configure get region 2>/dev/null || true)"
  fi
  [ -n "$region" ] || fail "no AWS region: pass --region, or set AWS_REGION, or run 'aws configure set region <region>'"
  # Buckets are global: the account and region make the default name ours alone.
  default_bucket="dynamodbmanager-artifacts-${account_id}-${region}"
  artifact_bucket="${artifact_bucket:-$default_bucket}"
}

# Prints "<status> <TableName output> <AccessLogging parameter> <Resources parameter>" of the stack
# (None for one that it lacks; Resources last, as it may be empty), or nothing when there is no such stack.
stack_state() {
  aws cloudformation describe-stacks --stack-name "$stack_name" --region "$region" \
    --query "Stacks[0].[StackStatus, Outputs[?OutputKey=='TableName'].OutputValue | [0], Parameters[?ParameterKey=='AccessLogging'].ParameterValue | [0], Parameters[?ParameterKey=='Resources'].ParameterValue | [0]]" \
    --output text 2>/dev/null || true
}

# The tables of a Resources value (route=table:key[:N],...), one a line, as template.yaml reads them.
resource_tables() {
  local entry
  [ -n "$1" ] && [ "$1" != None ] || return 0
  IFS=, read -ra entries <<<"$1"
  for entry in "${entries[@]}"; do
    entry="${entry#*=}"
    printf '%s\n' "${entry%%:*}"
  done
}

# After a failed create, update or delete: CloudFormation's reasons, which the CLI itself does not print.
print_failed_events() {
  echo "Failed resources of stack $stack_name (newest first):" >&2
  aws cloudformation describe-stack-events --stack-name "$stack_name" --region "$region" \
    --query "StackEvents[?ends_with(ResourceStatus, 'FAILED')].[LogicalResourceId, ResourceStatusReason]" \
    --output table >&2 || true
}
