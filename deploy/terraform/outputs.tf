output "api_url" {
  description = "POST the envelope here with the x-api-key header."
  value       = "${aws_api_gateway_stage.stage.invoke_url}/dynamodbmanager"
}

output "api_key_id" {
  description = "aws apigateway get-api-key --api-key <this> --include-value --query value --output text"
  value       = aws_api_gateway_api_key.api_key.id
}

output "function_name" {
  value = aws_lambda_function.function.function_name
}

output "table_name" {
  value = aws_dynamodb_table.table.name
}

output "change_topic_arn" {
  description = "Subscribe here to the resource tables' changes (with notifications = true)."
  value       = aws_sns_topic.change_topic.arn
}

output "dashboard_url" {
  description = "The CloudWatch dashboard of the API, the function, the table and the operations."
  value       = "https://${data.aws_region.current.name}.console.aws.amazon.com/cloudwatch/home?region=${data.aws_region.current.name}#dashboards/dashboard/${aws_cloudwatch_dashboard.dashboard.dashboard_name}"
}
