#!/usr/bin/env bash
# Builds the Native AOT zip, uploads it, and creates or updates the CloudFormation stack of
# deploy/aws/template.yaml; then prints the API URL, the API key and how to call the API.
set -euo pipefail

# shellcheck source=deploy/aws/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() {
  cat <<'EOF'
Usage: deploy/aws/deploy.sh [options]

Builds artifacts/lambda-aot.zip (deploy/package.sh), uploads it to an S3 bucket, and creates or
updates the CloudFormation stack of deploy/aws/template.yaml. Run it again to deploy a new build.

Options (each also read from the environment variable in brackets):
  --stack-name NAME           stack to create or update [STACK_NAME] (default: dynamodbmanager)
  --region REGION             AWS region [AWS_REGION, AWS_DEFAULT_REGION] (default: the CLI's)
  --table-name NAME           DynamoDB table [TABLE_NAME] (template default: lambda-apigateway)
  --alarm-email ADDRESS       e-mail subscribed to the alarms [ALARM_EMAIL] (default: none)
  --deletion-protection BOOL  true or false [DELETION_PROTECTION] (template default: true)
  --allowed-origins LIST      browser origins that may call the API, comma-separated, or *
                              [ALLOWED_ORIGINS] (template default: none; --parameter AllowedOrigins=
                              removes them again)
  --resources LIST            REST resources, route=table:keyAttribute[:N] separated by commas, at
                              most 5; each table is created [RESOURCES] (template default: none;
                              --resources '' removes them, and their tables)
  --notifications BOOL        true sends each change of a resource table to the change topic
                              [NOTIFICATIONS] (template default: false)
  --tracing MODE              Active traces requests with X-Ray, PassThrough does not [TRACING]
                              (template default: PassThrough)
  --metrics-namespace NAME    CloudWatch namespace of the function's metrics, which the dashboard
                              and the fault-rate alarm read [METRICS_NAMESPACE] (template default:
                              DynamoDbManager)
  --fault-rate-threshold N    share of requests answered with a 5xx above which the fault-rate
                              alarm fires, 0-1 [FAULT_RATE_THRESHOLD] (template default: 0.01)
  --bucket NAME               bucket for the zip [ARTIFACT_BUCKET]
                              (default: dynamodbmanager-artifacts-<account>-<region>, created if missing)
  --parameter KEY=VALUE       any other template parameter, e.g. MemorySize=512 (repeatable)
  -h, --help                  this help

Environment only:
  LAMBDA_ZIP=path             deploy this zip instead of building one
  SKIP_BUILD=1                deploy artifacts/lambda-aot.zip as it is, without rebuilding
  POSTMAN_ENVIRONMENT=path    where to write the filled Postman environment
                              (default: artifacts/aws.postman_environment.json)

A setting not given keeps its current value on an update, and the template's default on a create.
Access logs need API Gateway's account-wide CloudWatch role: on a first deploy, AccessLogging is
turned on if the account has one; --parameter CreateApiGatewayLoggingRole=true creates and sets one.
EOF
}

overrides=()
add_override() { overrides+=("$1=$2"); }
# The value given for a parameter (the last one wins, as with the CLI), or nothing.
override() {
  local entry value=""
  for entry in "${overrides[@]}"; do
    [[ "$entry" != "$1="* ]] || value="${entry#*=}"
  done
  printf '%s' "$value"
}
given() {
  local entry
  for entry in "${overrides[@]}"; do
    [[ "$entry" != "$1="* ]] || return 0
  done
  return 1
}
[ -n "${TABLE_NAME:-}" ] && add_override TableName "$TABLE_NAME"
[ -n "${ALARM_EMAIL:-}" ] && add_override AlarmEmail "$ALARM_EMAIL"
[ -n "${DELETION_PROTECTION:-}" ] && add_override DeletionProtection "$DELETION_PROTECTION"
[ -n "${ALLOWED_ORIGINS:-}" ] && add_override AllowedOrigins "$ALLOWED_ORIGINS"
[ -n "${RESOURCES:-}" ] && add_override Resources "$RESOURCES"
[ -n "${NOTIFICATIONS:-}" ] && add_override Notifications "$NOTIFICATIONS"
[ -n "${TRACING:-}" ] && add_override Tracing "$TRACING"
[ -n "${METRICS_NAMESPACE:-}" ] && add_override MetricsNamespace "$METRICS_NAMESPACE"
[ -n "${FAULT_RATE_THRESHOLD:-}" ] && add_override FaultRateThreshold "$FAULT_RATE_THRESHOLD"

while [ "$#" -gt 0 ]; do
  case "$1" in
    --stack-name) stack_name="$(flag_value "$@")"; shift ;;
    --region) region="$(flag_value "$@")"; shift ;;
    --table-name) add_override TableName "$(flag_value "$@")"; shift ;;
    --alarm-email) add_override AlarmEmail "$(flag_value "$@")"; shift ;;
    --deletion-protection) add_override DeletionProtection "$(flag_value "$@")"; shift ;;
    --allowed-origins) add_override AllowedOrigins "$(flag_value "$@")"; shift ;;
    # Empty is a value here: it removes the resources.
    --resources) [ "$#" -ge 2 ] || fail "--resources needs a value (see --help)"; add_override Resources "$2"; shift ;;
    --notifications) add_override Notifications "$(flag_value "$@")"; shift ;;
    --tracing) add_override Tracing "$(flag_value "$@")"; shift ;;
    --metrics-namespace) add_override MetricsNamespace "$(flag_value "$@")"; shift ;;
    --fault-rate-threshold) add_override FaultRateThreshold "$(flag_value "$@")"; shift ;;
    --bucket) artifact_bucket="$(flag_value "$@")"; shift ;;
    --parameter)
      value="$(flag_value "$@")"
      [[ "$value" == ?*=* ]] || fail "--parameter takes KEY=VALUE, not '$value'"
      overrides+=("$value"); shift ;;
    -h | --help) usage; exit 0 ;;
    *) fail "unknown option '$1' (see --help)" ;;
  esac
  shift
done

require_aws

# A stack whose first create failed cannot be updated; say what to do instead of CloudFormation's error.
read -r stack_status _ stack_access_logging stack_resources <<<"$(stack_state)" || true
if [ "${stack_status:-}" = ROLLBACK_COMPLETE ]; then
  print_failed_events
  fail "stack $stack_name failed to create and must be deleted first: deploy/aws/destroy.sh --stack-name $stack_name --region $region"
fi

zip="${LAMBDA_ZIP:-$root/artifacts/lambda-aot.zip}"
if [ -z "${LAMBDA_ZIP:-}" ] && [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "==> Building $zip"
  "$root/deploy/package.sh"
fi
[ -f "$zip" ] || fail "no zip at $zip: run deploy/package.sh, or unset SKIP_BUILD/LAMBDA_ZIP"

if ! aws s3api head-bucket --bucket "$artifact_bucket" --region "$region" >/dev/null 2>&1; then
  [ "$artifact_bucket" = "$default_bucket" ] || fail "bucket $artifact_bucket does not exist or is not yours"
  echo "==> Creating bucket $artifact_bucket"
  # us-east-1 is the one region that refuses its own name as a LocationConstraint.
  location=()
  [ "$region" = us-east-1 ] || location=(--create-bucket-configuration "LocationConstraint=$region")
  aws s3api create-bucket --bucket "$artifact_bucket" --region "$region" "${location[@]}" >/dev/null
  aws s3api put-public-access-block --bucket "$artifact_bucket" --region "$region" \
    --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
fi

# Named by content: CloudFormation updates the function exactly when the code changed.
key="$stack_name/lambda-aot-$(sha256sum "$zip" | cut -c1-16).zip"
echo "==> Uploading $zip to s3://$artifact_bucket/$key"
aws s3 cp "$zip" "s3://$artifact_bucket/$key" --region "$region" --only-show-errors

# API Gateway writes access logs only through its account-wide CloudWatch role (one per account and
# region, often another stack's), and refuses a stage with access logging without it. Unless told,
# log exactly when the account has the role, once: a stack that has a setting keeps it. A parameter
# the user gave always wins.
logging_note=""
if ! given AccessLogging && [ "$(override CreateApiGatewayLoggingRole)" != true ] &&
  { [ -z "${stack_access_logging:-}" ] || [ "$stack_access_logging" = None ]; }; then
  logging_role="$(aws apigateway get-account --region "$region" --query cloudwatchRoleArn --output text)"
  if [ -z "$logging_role" ] || [ "$logging_role" = None ]; then
    add_override AccessLogging false
    logging_note="

Access logs are off: API Gateway has no CloudWatch role in this account and region. To create and
set one (account-wide; see docs/deploy.md), deploy again with --parameter CreateApiGatewayLoggingRole=true."
  else
    add_override AccessLogging true
  fi
fi

echo "==> Deploying stack $stack_name in $region (a first deploy takes 1-2 minutes)"
if ! aws cloudformation deploy --stack-name "$stack_name" --region "$region" \
  --template-file "$root/deploy/aws/template.yaml" \
  --capabilities CAPABILITY_NAMED_IAM CAPABILITY_AUTO_EXPAND --no-fail-on-empty-changeset \
  --tags project=DynamoDbManager \
  --parameter-overrides "CodeS3Bucket=$artifact_bucket" "CodeS3Key=$key" "${overrides[@]}"; then
  print_failed_events
  fail "stack $stack_name did not deploy: the table above says why"
fi

declare -A outputs=()
while IFS=$'\t' read -r name value; do
  outputs[$name]="$value"
done < <(aws cloudformation describe-stacks --stack-name "$stack_name" --region "$region" \
  --query 'Stacks[0].Outputs[].[OutputKey, OutputValue]' --output text)
api_url="${outputs[ApiUrl]:?the stack has no ApiUrl output}"
api_key_id="${outputs[ApiKeyId]:?the stack has no ApiKeyId output}"
api_key="$(aws apigateway get-api-key --api-key "$api_key_id" --include-value --region "$region" --query value --output text)"
base_url="${api_url%/dynamodbmanager}"

# The routes as deployed: the value given now, else the one the stack kept.
resources="${stack_resources:-}"
given Resources && resources="$(override Resources)"
routes_note=""
if [ -n "$resources" ] && [ "$resources" != None ]; then
  first_route="${resources%%=*}"
  routes_note="

REST routes ($resources):
  curl -sS \"$base_url/$first_route\" -H \"x-api-key: $api_key\"
  GET/POST/PUT $base_url/{route}, GET/PUT/PATCH/DELETE $base_url/{route}/{id}, GET $base_url/health
Change notifications (Notifications=true) go to ${outputs[ChangeTopicArn]:-the ChangeTopicArn output}: subscribe with
  aws sns subscribe --topic-arn ${outputs[ChangeTopicArn]:-<ChangeTopicArn>} --protocol email --notification-endpoint you@example.com --region $region"
fi

postman="${POSTMAN_ENVIRONMENT:-$root/artifacts/aws.postman_environment.json}"
mkdir -p "$(dirname "$postman")"
(
  umask 077 # the file holds the API key
  cat >"$postman" <<EOF
{
  "name": "DynamoDbManager AWS ($stack_name, $region)",
  "values": [
    { "key": "baseUrl", "value": "$base_url", "type": "default", "enabled": true },
    { "key": "apiKey", "value": "$api_key", "type": "secret", "enabled": true }
  ],
  "_postman_variable_scope": "environment"
}
EOF
)

cat <<EOF

Deployed stack $stack_name in $region.
  API URL      $api_url
  function     ${outputs[FunctionName]:-}
  table        ${outputs[TableName]:-}
  dashboard    ${outputs[DashboardUrl]:-}
  API key id   $api_key_id (its value is below; to read it again:
               aws apigateway get-api-key --api-key $api_key_id --include-value --region $region --query value --output text)

Try it:
  curl -sS -X POST "$api_url" -H "x-api-key: $api_key" -H 'content-type: application/json' -d '{"operation":"ping"}'

Postman (events/aws.postman_environment.json):
  baseUrl  $base_url
  apiKey   $api_key
  filled copy: ${postman#"$root"/}$routes_note$logging_note
EOF
