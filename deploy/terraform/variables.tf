# Named as template.yaml's parameters in snake_case, with the same defaults: the deploy tests hold
# the two to that.

variable "region" {
  type        = string
  default     = null
  description = "AWS region; null uses the provider's usual configuration (AWS_REGION, profile)."
}

variable "lambda_zip" {
  type        = string
  default     = "../../artifacts/lambda-aot.zip"
  description = "The Native AOT zip from deploy/package.sh, relative to this folder."
}

variable "table_name" {
  type        = string
  default     = "lambda-apigateway"
  description = "The DynamoDB table (hash key id, a string). Also names the function's role, <table_name>-role."

  validation {
    condition     = can(regex("^[a-zA-Z0-9_.-]{3,255}$", var.table_name))
    error_message = "A DynamoDB table name is 3-255 letters, digits, _ . or -."
  }
}

variable "deletion_protection" {
  type        = bool
  default     = true
  description = "Refuse to delete the table while true. Set false (and apply) before terraform destroy."
}

variable "function_name" {
  type    = string
  default = "LambdaFunctionOverHttps"

  validation {
    condition     = can(regex("^[a-zA-Z0-9_-]{1,64}$", var.function_name))
    error_message = "A Lambda function name is 1-64 letters, digits, _ or -."
  }
}

variable "memory_size" {
  type    = number
  default = 256

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240
    error_message = "memory_size is 128-10240 MB."
  }
}

variable "timeout" {
  type        = number
  default     = 10
  description = "Seconds. API Gateway gives up after 29 s, so a longer timeout would only hide errors."

  validation {
    condition     = var.timeout >= 1 && var.timeout <= 29
    error_message = "timeout is 1-29 seconds."
  }
}

variable "log_retention_days" {
  type    = number
  default = 30

  # The retentions CloudWatch Logs accepts, as template.yaml's AllowedValues.
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days is one of CloudWatch Logs' retentions: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "throttle_rate_limit" {
  type        = number
  default     = 10
  description = "Requests per second, steady state, for the API key's usage plan."
}

variable "throttle_burst_limit" {
  type    = number
  default = 20
}

variable "quota_limit" {
  type        = number
  default     = 10000
  description = "Requests per day for the API key."
}

variable "duration_p99_threshold_ms" {
  type        = number
  default     = 3000
  description = "The p99 Lambda duration (ms) above which the duration alarm fires (2 of 3 five-minute periods). At most 29000: API Gateway gives up after 29 s."

  validation {
    condition     = var.duration_p99_threshold_ms >= 1 && var.duration_p99_threshold_ms <= 29000
    error_message = "duration_p99_threshold_ms is 1-29000."
  }
}

variable "fault_rate_threshold" {
  type        = number
  default     = 0.01
  description = "The share of requests the function answers with a 5xx (its Faults metric), 0.01 = 1%, above which the fault-rate alarm fires (2 of 3 five-minute periods)."

  validation {
    condition     = var.fault_rate_threshold >= 0 && var.fault_rate_threshold <= 1
    error_message = "fault_rate_threshold is a share of requests, 0-1."
  }
}

variable "metrics_namespace" {
  type        = string
  default     = "DynamoDbManager"
  description = "The CloudWatch namespace of the function's metrics (its METRICS_NAMESPACE): the dashboard and the fault-rate alarm read it."

  # CloudWatch's rule, which the function checks at start-up, without a lookahead (RE2 has none): the
  # same pattern as template.yaml's AllowedPattern.
  validation {
    condition     = can(regex("^([a-zB-Z0-9._/#:-][a-zA-Z0-9._/#: -]{0,254}|A|A[a-zA-VX-Z0-9._/#: -][a-zA-Z0-9._/#: -]{0,253}|AW|AW[a-zA-RT-Z0-9._/#: -][a-zA-Z0-9._/#: -]{0,252}|AWS|AWS[a-zA-Z0-9._#: -][a-zA-Z0-9._/#: -]{0,251})$", var.metrics_namespace))
    error_message = "metrics_namespace is 1 to 255 characters of a-z, A-Z, 0-9, '.', '-', '_', '/', '#', ':' and space, not starting with a space or with AWS/."
  }
}

variable "tracing" {
  type        = string
  default     = "PassThrough"
  description = "Active traces requests with X-Ray (Lambda's tracing_config and the stage's xray_tracing_enabled) and lets the function send segments; PassThrough (Lambda's default) records nothing. X-Ray bills per trace."

  validation {
    condition     = contains(["PassThrough", "Active"], var.tracing)
    error_message = "tracing is PassThrough or Active."
  }
}

variable "alarm_email" {
  type        = string
  default     = ""
  description = "Optional e-mail address subscribed to the alarm topic (AWS sends a confirmation mail)."
}

variable "allowed_origins" {
  type        = string
  default     = ""
  description = "Browser pages that may call the API (CORS), as the function's ALLOWED_ORIGINS: origins separated by commas, e.g. https://app.example.com, or * for any. Empty: none, and the function refuses every request that carries an Origin header, as browsers' cross-origin requests do."

  # The function refuses to start on an origin it cannot read (every call would then fail): better to
  # refuse it here, before anything changes. The same pattern as template.yaml's AllowedPattern.
  validation {
    condition     = can(regex("^(|\\*|[a-z][a-z0-9+.-]*://[^,/\\s]+(,[a-z][a-z0-9+.-]*://[^,/\\s]+)*)$", var.allowed_origins))
    error_message = "allowed_origins is empty, or *, or origins separated by commas without spaces, each scheme://host[:port] with no path or trailing slash, e.g. https://app.example.com,http://localhost:5173."
  }
}

variable "access_logging" {
  type        = bool
  default     = false
  description = "Write the stage's access logs. API Gateway writes them only through its account-wide CloudWatch role (one per account and region), which the account must already have, or create_api_gateway_logging_role sets."
}

variable "create_api_gateway_logging_role" {
  type        = bool
  default     = false
  description = "true creates a role for API Gateway to write CloudWatch logs, sets it as the account-wide role of this region (replacing any other stack's) and turns access logging on. terraform destroy resets the account setting, then deletes the role."
}

variable "resources" {
  type        = string
  default     = ""
  description = "REST resources served beside the envelope, as the function's RESOURCES: route=table:keyAttribute[:N] entries separated by commas (:N for a numeric key). Each table is created (key, on-demand, encrypted, point-in-time recovery, a keys-only stream) and the function may use it."

  # At most 5, as template.yaml's slots; the same pattern as its AllowedPattern.
  validation {
    condition     = can(regex("^(|[A-Za-z0-9_-]+=[a-zA-Z0-9_.-]{3,255}:[A-Za-z0-9_.-]{1,255}(:N)?(,[A-Za-z0-9_-]+=[a-zA-Z0-9_.-]{3,255}:[A-Za-z0-9_.-]{1,255}(:N)?){0,4})$", var.resources))
    error_message = "resources is empty, or up to 5 entries route=table:keyAttribute[:N] separated by commas without spaces, e.g. product=products:id,orders=orders:orderId:N."
  }
}

variable "notifications" {
  type        = bool
  default     = false
  description = "true sends each change of a resource table (insert, modify, remove: route and key) to the change_topic_arn SNS topic through an EventBridge Pipe, with no code in the function."
}
