#!/usr/bin/env bash
# Deletes what deploy.sh created: the stack, the stack's zips and, once empty, the artifact bucket
# deploy.sh made. Safe to run again: what is already gone is skipped.
set -euo pipefail

# shellcheck source=deploy/aws/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() {
  cat <<'EOF'
Usage: deploy/aws/destroy.sh [options]

Deletes the CloudFormation stack deploy.sh created (tables, function, API, alarms, logs, pipes), then the
stack's zips from the artifact bucket, and that bucket once it is empty if deploy.sh created it.
A table with deletion protection (the main one or a resource table) is not deleted: the script
says how to turn it off first.

Options (each also read from the environment variable in brackets):
  --stack-name NAME   [STACK_NAME] (default: dynamodbmanager)
  --region REGION     [AWS_REGION, AWS_DEFAULT_REGION] (default: the CLI's)
  --bucket NAME       the bucket given to deploy.sh, if any [ARTIFACT_BUCKET]; it is never deleted
  -h, --help          this help
EOF
}

while [ "$#" -gt 0 ]; do
  case "$1" in
    --stack-name) stack_name="$(flag_value "$@")"; shift ;;
    --region) region="$(flag_value "$@")"; shift ;;
    --bucket) artifact_bucket="$(flag_value "$@")"; shift ;;
    -h | --help) usage; exit 0 ;;
    *) fail "unknown option '$1' (see --help)" ;;
  esac
  shift
done

require_aws

read -r stack_status table _ stack_resources <<<"$(stack_state)" || true
if [ -z "${stack_status:-}" ]; then
  echo "==> No stack $stack_name in $region: nothing to delete"
else
  # Each table's own setting, not the stack's DeletionProtection parameter: update-table below changes
  # the one and not the other. A stack without the output (one that rolled back) has no table left.
  protected=()
  if [ -n "${table:-}" ] && [ "$table" != None ]; then
    while IFS= read -r name; do
      if [ "$(aws dynamodb describe-table --table-name "$name" --region "$region" \
        --query Table.DeletionProtectionEnabled --output text 2>/dev/null || true)" = True ]; then
        protected+=("$name")
      fi
    done < <(printf '%s\n' "$table"; resource_tables "${stack_resources:-}")
  fi
  if [ "${#protected[@]}" -gt 0 ]; then
    steps=""
    for name in "${protected[@]}"; do
      steps+="
  aws dynamodb update-table --table-name $name --no-deletion-protection-enabled --region $region"
    done
    fail "table ${protected[*]} has deletion protection, so it and its data stay. To delete them too, run$steps
and then this script again."
  fi
  echo "==> Deleting stack $stack_name in $region"
  aws cloudformation delete-stack --stack-name "$stack_name" --region "$region"
  if ! aws cloudformation wait stack-delete-complete --stack-name "$stack_name" --region "$region"; then
    print_failed_events
    fail "stack $stack_name was not deleted: the table above says why"
  fi
fi

if aws s3api head-bucket --bucket "$artifact_bucket" --region "$region" >/dev/null 2>&1; then
  echo "==> Deleting s3://$artifact_bucket/$stack_name/"
  aws s3 rm "s3://$artifact_bucket/$stack_name/" --recursive --region "$region" --only-show-errors
  # Other stacks' zips may share the bucket; a bucket passed with --bucket is the user's to keep.
  remaining="$(aws s3api list-objects-v2 --bucket "$artifact_bucket" --region "$region" --max-items 1 \
    --query 'Contents[0].Key' --output text)"
  if [ "$artifact_bucket" = "$default_bucket" ] && { [ -z "$remaining" ] || [ "$remaining" = None ]; }; then
    echo "==> Deleting bucket $artifact_bucket"
    aws s3api delete-bucket --bucket "$artifact_bucket" --region "$region"
  fi
fi

echo "Done. A role API Gateway uses for logging (ApiGatewayLoggingRole, if this stack created it) is kept on purpose."
