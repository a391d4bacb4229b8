resource "aws_api_gateway_rest_api" "rest_api" {
  name           = "DynamoDBOperations"
  description    = "DynamoDbManager (POST /dynamodbmanager)"
  api_key_source = "HEADER"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_resource" "api_resource" {
  rest_api_id = aws_api_gateway_rest_api.rest_api.id
  parent_id   = aws_api_gateway_rest_api.rest_api.root_resource_id
  path_part   = "dynamodbmanager"
}

resource "aws_api_gateway_method" "post_method" {
  rest_api_id      = aws_api_gateway_rest_api.rest_api.id
  resource_id      = aws_api_gateway_resource.api_resource.id
  http_method      = "POST"
  authorization    = "NONE"
  api_key_required = true
}

# Lambda proxy: the function answers statusCode/headers/body itself. Lambda is always invoked with
# POST, whatever the client's method; anything else is a 500.
resource "aws_api_gateway_integration" "post_integration" {
  rest_api_id             = aws_api_gateway_rest_api.rest_api.id
  resource_id             = aws_api_gateway_resource.api_resource.id
  http_method             = aws_api_gateway_method.post_method.http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = aws_lambda_function.function.invoke_arn
}

# A new deployment whenever the method or its integration changes; the stage moves to it before the
# old one is deleted.
resource "aws_api_gateway_deployment" "deployment" {
  rest_api_id = aws_api_gateway_rest_api.rest_api.id
  description = "POST /dynamodbmanager, Lambda proxy, API key required"

  triggers = {
    redeployment = sha1(jsonencode([
      aws_api_gateway_resource.api_resource,
      aws_api_gateway_method.post_method,
      aws_api_gateway_integration.post_integration,
    ]))
  }

  lifecycle {
    create_before_destroy = true
  }

  depends_on = [aws_api_gateway_integration.post_integration]
}

resource "aws_cloudwatch_log_group" "access_log_group" {
  name              = "/aws/apigateway/${aws_api_gateway_rest_api.rest_api.id}/Prod"
  retention_in_days = var.log_retention_days
}

resource "aws_iam_role" "api_gateway_logging_role" {
  count = var.create_api_gateway_logging_role ? 1 : 0

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "apigateway.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "api_gateway_logging_policy" {
  count = var.create_api_gateway_logging_role ? 1 : 0

  role       = aws_iam_role.api_gateway_logging_role[0].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
}

# API Gateway writes access logs only once this account-wide setting names a role. Unlike the
# CloudFormation stack, terraform destroy deletes the role: set create_api_gateway_logging_role =
# false when other APIs in the account rely on it.
resource "aws_api_gateway_account" "api_gateway_account" {
  count = var.create_api_gateway_logging_role ? 1 : 0

  cloudwatch_role_arn = aws_iam_role.api_gateway_logging_role[0].arn
  depends_on          = [aws_iam_role_policy_attachment.api_gateway_logging_policy]
}

resource "aws_api_gateway_stage" "stage" {
  rest_api_id   = aws_api_gateway_rest_api.rest_api.id
  deployment_id = aws_api_gateway_deployment.deployment.id
  stage_name    = "Prod"
  description   = "Prod"

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access_log_group.arn
    format = jsonencode({
      requestId         = "$context.requestId"
      ip                = "$context.identity.sourceIp"
      requestTime       = "$context.requestTime"
      httpMethod        = "$context.httpMethod"
      resourcePath      = "$context.resourcePath"
      status            = "$context.status"
      responseLength    = "$context.responseLength"
      apiKeyId          = "$context.identity.apiKeyId"
      integrationStatus = "$context.integration.status"
      integrationError  = "$context.integration.error"
      errorMessage      = "$context.error.message"
      latencyMs         = "$context.responseLatency"
    })
  }

  # Access logging fails until the account's logging role is set.
  depends_on = [aws_api_gateway_account.api_gateway_account]
}

resource "aws_api_gateway_method_settings" "metrics" {
  rest_api_id = aws_api_gateway_rest_api.rest_api.id
  stage_name  = aws_api_gateway_stage.stage.stage_name
  method_path = "*/*"

  settings {
    metrics_enabled = true
  }
}

resource "aws_api_gateway_api_key" "api_key" {
  name        = "${var.function_name}-key"
  description = "Send as the x-api-key header. Read it with aws apigateway get-api-key --include-value."
  enabled     = true
}

resource "aws_api_gateway_usage_plan" "usage_plan" {
  name = "${var.function_name}-usage-plan"

  api_stages {
    api_id = aws_api_gateway_rest_api.rest_api.id
    stage  = aws_api_gateway_stage.stage.stage_name
  }

  throttle_settings {
    rate_limit  = var.throttle_rate_limit
    burst_limit = var.throttle_burst_limit
  }

  quota_settings {
    limit  = var.quota_limit
    period = "DAY"
  }
}

resource "aws_api_gateway_usage_plan_key" "usage_plan_key" {
  key_id        = aws_api_gateway_api_key.api_key.id
  key_type      = "API_KEY"
  usage_plan_id = aws_api_gateway_usage_plan.usage_plan.id
}

# Without it API Gateway may not call the function ("Internal server error"); scoped to this API's
# POST /dynamodbmanager, so no other API or method can invoke the function.
resource "aws_lambda_permission" "invoke_permission" {
  statement_id  = "AllowDynamoDBOperationsInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.function.arn
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.rest_api.execution_arn}/*/POST/dynamodbmanager"
}
