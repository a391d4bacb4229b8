# Not encrypted with the AWS managed key: CloudWatch alarms cannot publish to a topic under
# alias/aws/sns, whose key policy they cannot use.
resource "aws_sns_topic" "alarm_topic" {
  display_name = "DynamoDbManager alarms"
}

resource "aws_sns_topic_subscription" "alarm_email_subscription" {
  count = var.alarm_email != "" ? 1 : 0

  topic_arn = aws_sns_topic.alarm_topic.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

resource "aws_cloudwatch_metric_alarm" "function_errors_alarm" {
  alarm_name          = "${var.function_name}-errors"
  alarm_description   = "The function reported errors (unhandled failures, timeouts, crashes)."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.function.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarm_topic.arn]
}

resource "aws_cloudwatch_metric_alarm" "function_throttles_alarm" {
  alarm_name          = "${var.function_name}-throttles"
  alarm_description   = "Lambda throttled invocations (account or reserved concurrency exhausted)."
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = aws_lambda_function.function.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarm_topic.arn]
}

# Lambda's Duration rather than the Duration of our log line: it counts the invocations that time out
# or crash, which write no log line, and our metrics have no series across all operations to take one
# p99 of (a percentile cannot be summed from per-operation series).
resource "aws_cloudwatch_metric_alarm" "function_duration_p99_alarm" {
  alarm_name          = "${var.function_name}-duration-p99"
  alarm_description   = "The function's p99 duration is above duration_p99_threshold_ms."
  namespace           = "AWS/Lambda"
  metric_name         = "Duration"
  dimensions          = { FunctionName = aws_lambda_function.function.function_name }
  extended_statistic  = "p99"
  period              = 300
  evaluation_periods  = 3
  datapoints_to_alarm = 2
  threshold           = var.duration_p99_threshold_ms
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarm_topic.arn]
}

# Our fault rate: the share of requests the function answered with a 5xx. Every log line carries Faults,
# 0 or 1, in the Operation dimension set, so AVG(Faults) over that set is faults over requests. A
# Metrics Insights query rather than metric math over single metrics: an alarm's math reads at most 10
# metrics, and there is a Faults metric per operation and per REST route (more than 10, and set by
# var.resources); an alarm may not use SEARCH.
resource "aws_cloudwatch_metric_alarm" "fault_rate_alarm" {
  alarm_name          = "${var.function_name}-fault-rate"
  alarm_description   = "More than fault_rate_threshold of the requests got a 5xx from the function (DynamoDB failures, InternalError, Timeout)."
  evaluation_periods  = 3
  datapoints_to_alarm = 2
  threshold           = var.fault_rate_threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarm_topic.arn]

  metric_query {
    id          = "faultRate"
    label       = "Faults per request"
    expression  = "SELECT AVG(Faults) FROM SCHEMA(\"${var.metrics_namespace}\", Operation)"
    period      = 300
    return_data = true
  }
}

# API Gateway's metrics name the API, not its id: the API's name is this module's own (see api.tf), so
# the alarm watches this API alone.
resource "aws_cloudwatch_metric_alarm" "api_server_errors_alarm" {
  alarm_name          = "${var.function_name}-api-5xx"
  alarm_description   = "API Gateway answered 5XX (integration failures, function errors, timeouts)."
  namespace           = "AWS/ApiGateway"
  metric_name         = "5XXError"
  dimensions          = { ApiName = aws_api_gateway_rest_api.rest_api.name, Stage = aws_api_gateway_stage.stage.stage_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarm_topic.arn]
}
