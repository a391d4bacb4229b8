# What an operator looks at: the API, the function, the table, and our log line's metrics by operation
# (docs/deploy.md says what each widget shows). Named with the region, since a dashboard's name is the
# account's, not the region's. The operations' widgets SEARCH the namespace rather than list the
# operations: the REST routes are operations too, set by var.resources, and a new operation appears
# without a change here. Init duration is not a metric: Lambda writes it in the REPORT line of a cold
# start, which the log widget's Logs Insights query reads (each refresh is billed by the data it
# scans); the ColdStart count is our metric. The same body as template.yaml's (the deploy tests compare
# them); a heredoc keeps its backslashes, so the JSON escapes are as written.
resource "aws_cloudwatch_dashboard" "dashboard" {
  dashboard_name = "${var.function_name}-${data.aws_region.current.name}"
  dashboard_body = <<-EOT
    {
      "widgets": [
        {"type": "metric", "width": 12, "height": 6, "properties": {"title": "API requests and errors", "region": "${data.aws_region.current.name}", "view": "timeSeries", "period": 300, "stat": "Sum", "metrics": [
          ["AWS/ApiGateway", "Count", "ApiName", "${aws_api_gateway_rest_api.rest_api.name}", "Stage", "${aws_api_gateway_stage.stage.stage_name}"],
          ["AWS/ApiGateway", "4XXError", "ApiName", "${aws_api_gateway_rest_api.rest_api.name}", "Stage", "${aws_api_gateway_stage.stage.stage_name}"],
          ["AWS/ApiGateway", "5XXError", "ApiName", "${aws_api_gateway_rest_api.rest_api.name}", "Stage", "${aws_api_gateway_stage.stage.stage_name}"]
        ]}},
        {"type": "metric", "width": 12, "height": 6, "properties": {"title": "API latency (ms)", "region": "${data.aws_region.current.name}", "view": "timeSeries", "period": 300, "metrics": [
          ["AWS/ApiGateway", "Latency", "ApiName", "${aws_api_gateway_rest_api.rest_api.name}", "Stage", "${aws_api_gateway_stage.stage.stage_name}", {"stat": "p50"}],
          ["AWS/ApiGateway", "Latency", "ApiName", "${aws_api_gateway_rest_api.rest_api.name}", "Stage", "${aws_api_gateway_stage.stage.stage_name}", {"stat": "p99"}]
        ]}},
        {"type": "metric", "width": 12, "height": 6, "properties": {"title": "Function duration (ms)", "region": "${data.aws_region.current.name}", "view": "timeSeries", "period": 300, "metrics": [
          ["AWS/Lambda", "Duration", "FunctionName", "${aws_lambda_function.function.function_name}", {"stat": "p50"}],
          ["AWS/Lambda", "Duration", "FunctionName", "${aws_lambda_function.function.function_name}", {"stat": "p99"}]
        ]}},
        {"type": "metric", "width": 12, "height": 6, "properties": {"title": "Function errors and throttles", "region": "${data.aws_region.current.name}", "view": "timeSeries", "period": 300, "stat": "Sum", "metrics": [
          ["AWS/Lambda", "Errors", "FunctionName", "${aws_lambda_function.function.function_name}"],
          ["AWS/Lambda", "Throttles", "FunctionName", "${aws_lambda_function.function.function_name}"]
        ]}},
        {"type": "metric", "width": 12, "height": 6, "properties": {"title": "Function concurrency", "region": "${data.aws_region.current.name}", "view": "timeSeries", "period": 300, "stat": "Maximum", "metrics": [
          ["AWS/Lambda", "ConcurrentExecutions", "FunctionName", "${aws_lambda_function.function.function_name}"]
        ]}},
        {"type": "metric", "width": 12, "height": 6, "properties": {"title": "Cold starts", "region": "${data.aws_region.current.name}", "view": "timeSeries", "period": 300, "metrics": [
          [{"id": "coldStarts", "expression": "SUM(SEARCH('{\"${var.metrics_namespace}\",Operation} MetricName=\"ColdStart\"', 'Sum', 300))", "label": "Cold starts"}]
        ]}},
        {"type": "log", "width": 12, "height": 6, "properties": {"title": "Init duration of cold starts (ms, from REPORT lines)", "region": "${data.aws_region.current.name}", "view": "table", "query": "SOURCE '${aws_cloudwatch_log_group.function_log_group.name}' | filter @type = \"REPORT\" and ispresent(@initDuration) | stats count(*) as coldStarts, pct(@initDuration, 50) as p50, pct(@initDuration, 99) as p99, max(@initDuration) as slowest by bin(1h)"}},
        {"type": "metric", "width": 12, "height": 6, "properties": {"title": "Table consumed capacity", "region": "${data.aws_region.current.name}", "view": "timeSeries", "period": 300, "stat": "Sum", "metrics": [
          ["AWS/DynamoDB", "ConsumedReadCapacityUnits", "TableName", "${aws_dynamodb_table.table.name}"],
          ["AWS/DynamoDB", "ConsumedWriteCapacityUnits", "TableName", "${aws_dynamodb_table.table.name}"]
        ]}},
        {"type": "metric", "width": 12, "height": 6, "properties": {"title": "Table throttled requests", "region": "${data.aws_region.current.name}", "view": "timeSeries", "period": 300, "metrics": [
          [{"id": "throttled", "expression": "SEARCH('{AWS/DynamoDB,Operation,TableName} MetricName=\"ThrottledRequests\" TableName=\"${aws_dynamodb_table.table.name}\"', 'Sum', 300)"}]
        ]}},
        {"type": "metric", "width": 12, "height": 6, "properties": {"title": "Requests by operation", "region": "${data.aws_region.current.name}", "view": "timeSeries", "period": 300, "metrics": [
          [{"id": "requests", "expression": "SEARCH('{\"${var.metrics_namespace}\",Operation} MetricName=\"Duration\"', 'SampleCount', 300)"}]
        ]}},
        {"type": "metric", "width": 12, "height": 6, "properties": {"title": "Duration p99 by operation (ms)", "region": "${data.aws_region.current.name}", "view": "timeSeries", "period": 300, "metrics": [
          [{"id": "duration", "expression": "SEARCH('{\"${var.metrics_namespace}\",Operation} MetricName=\"Duration\"', 'p99', 300)"}]
        ]}},
        {"type": "metric", "width": 12, "height": 6, "properties": {"title": "DynamoDB time p99 by operation (ms)", "region": "${data.aws_region.current.name}", "view": "timeSeries", "period": 300, "metrics": [
          [{"id": "dynamoDbTime", "expression": "SEARCH('{\"${var.metrics_namespace}\",Operation} MetricName=\"DynamoDbTime\"', 'p99', 300)"}]
        ]}},
        {"type": "metric", "width": 12, "height": 6, "properties": {"title": "Client errors (4xx) by operation", "region": "${data.aws_region.current.name}", "view": "timeSeries", "period": 300, "metrics": [
          [{"id": "clientErrors", "expression": "SEARCH('{\"${var.metrics_namespace}\",Operation} MetricName=\"ClientErrors\"', 'Sum', 300)"}]
        ]}},
        {"type": "metric", "width": 12, "height": 6, "properties": {"title": "Faults (5xx) by operation", "region": "${data.aws_region.current.name}", "view": "timeSeries", "period": 300, "metrics": [
          [{"id": "faults", "expression": "SEARCH('{\"${var.metrics_namespace}\",Operation} MetricName=\"Faults\"', 'Sum', 300)"}]
        ]}},
        {"type": "metric", "width": 12, "height": 6, "properties": {"title": "DynamoDB throttles by operation", "region": "${data.aws_region.current.name}", "view": "timeSeries", "period": 300, "metrics": [
          [{"id": "throttles", "expression": "SEARCH('{\"${var.metrics_namespace}\",Operation} MetricName=\"Throttles\"', 'Sum', 300)"}]
        ]}},
        {"type": "metric", "width": 12, "height": 6, "properties": {"title": "Consumed read capacity by operation", "region": "${data.aws_region.current.name}", "view": "timeSeries", "period": 300, "metrics": [
          [{"id": "readCapacity", "expression": "SEARCH('{\"${var.metrics_namespace}\",Operation} MetricName=\"ConsumedReadCapacity\"', 'Sum', 300)"}]
        ]}},
        {"type": "metric", "width": 12, "height": 6, "properties": {"title": "Consumed write capacity by operation", "region": "${data.aws_region.current.name}", "view": "timeSeries", "period": 300, "metrics": [
          [{"id": "writeCapacity", "expression": "SEARCH('{\"${var.metrics_namespace}\",Operation} MetricName=\"ConsumedWriteCapacity\"', 'Sum', 300)"}]
        ]}},
        {"type": "metric", "width": 12, "height": 6, "properties": {"title": "Consumed capacity by operation and table", "region": "${data.aws_region.current.name}", "view": "timeSeries", "period": 300, "metrics": [
          [{"id": "readByTable", "expression": "SEARCH('{\"${var.metrics_namespace}\",Operation,Table} MetricName=\"ConsumedReadCapacity\"', 'Sum', 300)", "label": "read"}],
          [{"id": "writeByTable", "expression": "SEARCH('{\"${var.metrics_namespace}\",Operation,Table} MetricName=\"ConsumedWriteCapacity\"', 'Sum', 300)", "label": "write"}]
        ]}}
      ]
    }

  EOT
}
