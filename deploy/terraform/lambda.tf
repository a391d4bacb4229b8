# Created here rather than by Lambda on first write, so that it has a retention and the role may
# write to this group alone.
resource "aws_cloudwatch_log_group" "function_log_group" {
  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = var.log_retention_days
}

data "aws_iam_policy_document" "function_assume_role" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

# Named as aws-lambda-tools-defaults.json's function-role, so the managed variant can use it too.
resource "aws_iam_role" "function_role" {
  name               = "${var.table_name}-role"
  assume_role_policy = data.aws_iam_policy_document.function_assume_role.json
}

data "aws_iam_policy_document" "function_role_policy" {
  statement {
    sid    = "TableItems"
    effect = "Allow"
    actions = [
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:Scan",
      "dynamodb:Query",
      "dynamodb:BatchGetItem",
      "dynamodb:BatchWriteItem",
      # batchWrite checks a whole batch against the table's key before its first write.
      "dynamodb:DescribeTable",
    ]
    resources = [aws_dynamodb_table.table.arn]
  }

  # query and list may name an index; reads of an index are the only actions it takes.
  statement {
    sid       = "TableIndexes"
    effect    = "Allow"
    actions   = ["dynamodb:Query", "dynamodb:Scan"]
    resources = ["${aws_dynamodb_table.table.arn}/index/*"]
  }

  statement {
    sid     = "OwnLogGroup"
    effect  = "Allow"
    actions = ["logs:CreateLogStream", "logs:PutLogEvents"]
    # Terraform's log group arn has no :*, which is what covers the group's log streams.
    resources = ["${aws_cloudwatch_log_group.function_log_group.arn}:*"]
  }

  # X-Ray accepts no other resource than * for these two actions. In the function's own policy, which
  # the function waits for: Lambda refuses Active tracing to a role that may not send segments.
  dynamic "statement" {
    for_each = var.tracing == "Active" ? [1] : []

    content {
      sid       = "XRaySegments"
      effect    = "Allow"
      actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
      resources = ["*"]
    }
  }
}

resource "aws_iam_role_policy" "function_role_policy" {
  name   = "least-privilege"
  role   = aws_iam_role.function_role.id
  policy = data.aws_iam_policy_document.function_role_policy.json
}

resource "aws_lambda_function" "function" {
  function_name    = var.function_name
  description      = "DynamoDbManager, Native AOT (artifacts/lambda-aot.zip from deploy/package.sh)"
  runtime          = "provided.al2023"
  handler          = "bootstrap"
  architectures    = ["x86_64"]
  filename         = var.lambda_zip
  source_code_hash = filebase64sha256(var.lambda_zip)
  memory_size      = var.memory_size
  timeout          = var.timeout
  role             = aws_iam_role.function_role.arn

  tracing_config {
    mode = var.tracing
  }

  environment {
    variables = {
      TABLE_NAME = aws_dynamodb_table.table.name
      # The resource tables too: the function refuses to start on a resource table it may not use.
      ALLOWED_TABLES    = join(",", concat([aws_dynamodb_table.table.name], values(aws_dynamodb_table.resource_table)[*].name))
      RESOURCES         = var.resources
      NEXT_TOKEN_SECRET = var.resources != "" ? random_password.paging_token_secret[0].result : ""
      ALLOWED_ORIGINS   = var.allowed_origins
      # The managed runtime tells its handler no deadline; this lets it answer Timeout in time.
      FUNCTION_TIMEOUT_SECONDS = var.timeout
      METRICS_NAMESPACE        = var.metrics_namespace
    }
  }

  # Lambda would otherwise create the group itself, with no retention, and the first invocations
  # could not log before the policy is attached.
  depends_on = [aws_cloudwatch_log_group.function_log_group, aws_iam_role_policy.function_role_policy, aws_iam_role_policy.resource_table_policy]
}
