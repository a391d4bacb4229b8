resource "aws_api_gateway_rest_api" "rest_api" {
  # Named per function (a function name is unique in its region): the 5XX alarm finds its API by name.
  name           = "${var.function_name}-DynamoDBOperations"
  description    = "DynamoDbManager (POST /dynamodbmanager, the REST routes, GET /health, and OPTIONS for browsers)"
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

# The REST routes: path variables, so the API's shape does not depend on var.resources; the function
# answers 404 for a route it does not serve and 405 (with Allow) for a method a route lacks. API
# Gateway prefers the static /dynamodbmanager and /health to {route}.
resource "aws_api_gateway_resource" "health_resource" {
  rest_api_id = aws_api_gateway_rest_api.rest_api.id
  parent_id   = aws_api_gateway_rest_api.rest_api.root_resource_id
  path_part   = "health"
}

resource "aws_api_gateway_resource" "route_resource" {
  rest_api_id = aws_api_gateway_rest_api.rest_api.id
  parent_id   = aws_api_gateway_rest_api.rest_api.root_resource_id
  path_part   = "{route}"
}

resource "aws_api_gateway_resource" "item_resource" {
  rest_api_id = aws_api_gateway_rest_api.rest_api.id
  parent_id   = aws_api_gateway_resource.route_resource.id
  path_part   = "{id}"
}

locals {
  # Every method of the API: its resource, the path of its invoke permission ({route} and {id} are a *
  # each), and whether it needs the API key. Browsers send a preflight (OPTIONS, never with the API
  # key) before a cross-origin call with a JSON body; the function answers it from ALLOWED_ORIGINS, as
  # the local stack does, refuses an origin it does not allow and reads nothing from DynamoDB for it.
  api_methods = {
    "POST-dynamodbmanager"    = { resource_id = aws_api_gateway_resource.api_resource.id, http_method = "POST", permission_path = "dynamodbmanager", api_key_required = true }
    "OPTIONS-dynamodbmanager" = { resource_id = aws_api_gateway_resource.api_resource.id, http_method = "OPTIONS", permission_path = "dynamodbmanager", api_key_required = false }
    "GET-route"               = { resource_id = aws_api_gateway_resource.route_resource.id, http_method = "GET", permission_path = "*", api_key_required = true }
    "POST-route"              = { resource_id = aws_api_gateway_resource.route_resource.id, http_method = "POST", permission_path = "*", api_key_required = true }
    "PUT-route"               = { resource_id = aws_api_gateway_resource.route_resource.id, http_method = "PUT", permission_path = "*", api_key_required = true }
    "OPTIONS-route"           = { resource_id = aws_api_gateway_resource.route_resource.id, http_method = "OPTIONS", permission_path = "*", api_key_required = false }
    "GET-item"                = { resource_id = aws_api_gateway_resource.item_resource.id, http_method = "GET", permission_path = "*/*", api_key_required = true }
    "PUT-item"                = { resource_id = aws_api_gateway_resource.item_resource.id, http_method = "PUT", permission_path = "*/*", api_key_required = true }
    "PATCH-item"              = { resource_id = aws_api_gateway_resource.item_resource.id, http_method = "PATCH", permission_path = "*/*", api_key_required = true }
    "DELETE-item"             = { resource_id = aws_api_gateway_resource.item_resource.id, http_method = "DELETE", permission_path = "*/*", api_key_required = true }
    "OPTIONS-item"            = { resource_id = aws_api_gateway_resource.item_resource.id, http_method = "OPTIONS", permission_path = "*/*", api_key_required = false }
    "GET-health"              = { resource_id = aws_api_gateway_resource.health_resource.id, http_method = "GET", permission_path = "health", api_key_required = true }
    "OPTIONS-health"          = { resource_id = aws_api_gateway_resource.health_resource.id, http_method = "OPTIONS", permission_path = "health", api_key_required = false }
  }
}

resource "aws_api_gateway_method" "method" {
  for_each = local.api_methods

  rest_api_id      = aws_api_gateway_rest_api.rest_api.id
  resource_id      = each.value.resource_id
  http_method      = each.value.http_method
  authorization    = "NONE"
  api_key_required = each.value.api_key_required
}

# Lambda proxy: the function answers statusCode/headers/body itself. Lambda is always invoked with
# POST, whatever the client's method; anything else is a 500.
resource "aws_api_gateway_integration" "integration" {
  for_each = local.api_methods

  rest_api_id             = aws_api_gateway_rest_api.rest_api.id
  resource_id             = each.value.resource_id
  http_method             = aws_api_gateway_method.method[each.key].http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = aws_lambda_function.function.invoke_arn
}

# API Gateway's own answers (a missing or wrong API key, the usage plan's 429, its 5XX) carry CORS
# headers too, so that an allowed page can read them instead of seeing a network error. They echo the
# request's Origin, since a header names one origin and API Gateway cannot choose among
# allowed_origins: that lets any page read these answers, which hold only API Gateway's fixed message
# (such as {"message":"Forbidden"}) and never data; a request that reaches the function is still
# refused there (403 OriginNotAllowed, no CORS header) unless its origin is allowed.
resource "aws_api_gateway_gateway_response" "default_4xx_gateway_response" {
  count = var.allowed_origins != "" ? 1 : 0

  rest_api_id   = aws_api_gateway_rest_api.rest_api.id
  response_type = "DEFAULT_4XX"
  response_parameters = {
    "gatewayresponse.header.Access-Control-Allow-Origin"   = "method.request.header.Origin"
    "gatewayresponse.header.Access-Control-Expose-Headers" = "'x-amzn-ErrorType,x-amzn-RequestId'"
    "gatewayresponse.header.Vary"                          = "'Origin'"
  }
}

resource "aws_api_gateway_gateway_response" "default_5xx_gateway_response" {
  count = var.allowed_origins != "" ? 1 : 0

  rest_api_id   = aws_api_gateway_rest_api.rest_api.id
  response_type = "DEFAULT_5XX"
  response_parameters = {
    "gatewayresponse.header.Access-Control-Allow-Origin"   = "method.request.header.Origin"
    "gatewayresponse.header.Access-Control-Expose-Headers" = "'x-amzn-ErrorType,x-amzn-RequestId'"
    "gatewayresponse.header.Vary"                          = "'Origin'"
  }
}

# A stage serves a deployment: a snapshot of the API's methods and gateway responses. A new one
# whenever any of them changes (setting or clearing allowed_origins adds or removes the gateway
# responses); the stage moves to it before the old one is deleted.
resource "aws_api_gateway_deployment" "deployment" {
  rest_api_id = aws_api_gateway_rest_api.rest_api.id
  description = "POST /dynamodbmanager, the REST routes and GET /health (API key required) and OPTIONS, Lambda proxy"

  triggers = {
    redeployment = sha1(jsonencode([
      aws_api_gateway_resource.api_resource,
      aws_api_gateway_resource.health_resource,
      aws_api_gateway_resource.route_resource,
      aws_api_gateway_resource.item_resource,
      aws_api_gateway_method.method,
      aws_api_gateway_integration.integration,
      aws_api_gateway_gateway_response.default_4xx_gateway_response,
      aws_api_gateway_gateway_response.default_5xx_gateway_response,
    ]))
  }

  lifecycle {
    create_before_destroy = true
  }

  depends_on = [
    aws_api_gateway_integration.integration,
    aws_api_gateway_gateway_response.default_4xx_gateway_response,
    aws_api_gateway_gateway_response.default_5xx_gateway_response,
  ]
}

resource "aws_cloudwatch_log_group" "access_log_group" {
  name              = "/aws/apigateway/${aws_api_gateway_rest_api.rest_api.id}/Prod"
  retention_in_days = var.log_retention_days
}

# API Gateway has one CloudWatch role per account and region, which another stack may have set: only
# create_api_gateway_logging_role = true makes this module set it.
data "aws_iam_policy_document" "api_gateway_assume_role" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["apigateway.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "api_gateway_logging_role" {
  count = var.create_api_gateway_logging_role ? 1 : 0

  assume_role_policy = data.aws_iam_policy_document.api_gateway_assume_role.json
}

resource "aws_iam_role_policy_attachment" "api_gateway_logging_policy" {
  count = var.create_api_gateway_logging_role ? 1 : 0

  role       = aws_iam_role.api_gateway_logging_role[0].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
}

# terraform destroy deletes the role, so it resets the account setting first (this resource depends on
# the role, so it goes before it): the account never points at a deleted role, and is left as it was
# before this module set it. (CloudFormation keeps its role instead: it cannot reset the setting.)
resource "aws_api_gateway_account" "api_gateway_account" {
  count = var.create_api_gateway_logging_role ? 1 : 0

  cloudwatch_role_arn = aws_iam_role.api_gateway_logging_role[0].arn
  reset_on_delete     = true
  depends_on          = [aws_iam_role_policy_attachment.api_gateway_logging_policy]
}

locals {
  # An account without API Gateway's CloudWatch role refuses access logging ("CloudWatch Logs role ARN
  # must be set in account settings"), so the stage logs only when told that the role is there.
  access_logging = var.access_logging || var.create_api_gateway_logging_role
}

resource "aws_api_gateway_stage" "stage" {
  rest_api_id          = aws_api_gateway_rest_api.rest_api.id
  deployment_id        = aws_api_gateway_deployment.deployment.id
  stage_name           = "Prod"
  description          = "Prod"
  xray_tracing_enabled = var.tracing == "Active"

  dynamic "access_log_settings" {
    for_each = local.access_logging ? [1] : []

    content {
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

# The preflight needs no API key, so the usage plan does not throttle it: the stage does, at the plan's
# rates, lest anyone on the internet invoke the function as fast as they can.
resource "aws_api_gateway_method_settings" "options_throttle" {
  for_each = toset(["dynamodbmanager/OPTIONS", "{route}/OPTIONS", "{route}/{id}/OPTIONS", "health/OPTIONS"])

  rest_api_id = aws_api_gateway_rest_api.rest_api.id
  stage_name  = aws_api_gateway_stage.stage.stage_name
  method_path = each.key

  settings {
    metrics_enabled        = true
    throttling_rate_limit  = var.throttle_rate_limit
    throttling_burst_limit = var.throttle_burst_limit
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

# Without them API Gateway may not call the function ("Internal server error"); scoped to this API's
# methods, each on its own path ({route} and {id} are a * each), so no other API, method or path can
# invoke the function.
resource "aws_lambda_permission" "invoke_permission" {
  for_each = local.api_methods

  statement_id  = "Allow-${each.key}"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.function.arn
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.rest_api.execution_arn}/*/${each.value.http_method}/${each.value.permission_path}"
}
