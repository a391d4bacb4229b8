locals {
  # route => its table and key, from var.resources' route=table:key[:N] entries.
  resources = {
    for entry in compact(split(",", var.resources)) : split("=", entry)[0] => {
      table    = split(":", split("=", entry)[1])[0]
      key      = split(":", entry)[1]
      key_type = length(split(":", entry)) == 3 ? "N" : "S"
    }
  }
}

resource "aws_dynamodb_table" "resource_table" {
  for_each = local.resources

  name         = each.value.table
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = each.value.key

  attribute {
    name = each.value.key
    type = each.value.key_type
  }

  server_side_encryption {
    enabled = true
  }

  point_in_time_recovery {
    enabled = true
  }

  deletion_protection_enabled = var.deletion_protection

  # Always on, whether notifications is or not: a stream costs nothing unread, and turning one off and
  # on gives it a new ARN, which leaves a pipe reading the old one unusable.
  stream_enabled   = true
  stream_view_type = "KEYS_ONLY"
}

# The actions the routes take (GET by key, list, POST, PUT, PATCH, DELETE, the health check's read), on
# this table only: it has no indexes, and no batches or queries reach it.
data "aws_iam_policy_document" "resource_table_policy" {
  for_each = local.resources

  statement {
    sid    = "ResourceTableItems"
    effect = "Allow"
    actions = [
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:Scan",
    ]
    resources = [aws_dynamodb_table.resource_table[each.key].arn]
  }
}

resource "aws_iam_role_policy" "resource_table_policy" {
  for_each = local.resources

  name   = "resource-table-${each.key}"
  role   = aws_iam_role.function_role.id
  policy = data.aws_iam_policy_document.resource_table_policy[each.key].json
}

# The key that signs the REST routes' paging tokens (NEXT_TOKEN_SECRET), generated once; it is in the
# Terraform state, which must be kept as private as the function's configuration.
resource "random_password" "paging_token_secret" {
  count = var.resources != "" ? 1 : 0

  length  = 64
  special = false
}

# Where the pipes publish the resource tables' changes: for the data's users, apart from the
# operators' alarm topic. Free while nothing publishes, so always there, and its subscriptions survive
# turning notifications off and on. Not encrypted with the AWS managed key, which a pipe's role cannot
# be granted; the messages hold keys, never items.
resource "aws_sns_topic" "change_topic" {
  display_name = "DynamoDbManager changes"
}

data "aws_iam_policy_document" "change_pipe_assume_role" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["pipes.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "change_pipe_role" {
  for_each = var.notifications ? local.resources : {}

  assume_role_policy = data.aws_iam_policy_document.change_pipe_assume_role.json
}

# What a pipe may do: read its table's stream and publish to the change topic, nothing else.
data "aws_iam_policy_document" "change_pipe_policy" {
  for_each = var.notifications ? local.resources : {}

  statement {
    sid    = "ReadStream"
    effect = "Allow"
    actions = [
      "dynamodb:DescribeStream",
      "dynamodb:GetRecords",
      "dynamodb:GetShardIterator",
      "dynamodb:ListStreams",
    ]
    resources = [aws_dynamodb_table.resource_table[each.key].stream_arn]
  }

  statement {
    sid       = "PublishChanges"
    effect    = "Allow"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.change_topic.arn]
  }
}

resource "aws_iam_role_policy" "change_pipe_policy" {
  for_each = var.notifications ? local.resources : {}

  name   = "read-stream-publish-changes"
  role   = aws_iam_role.change_pipe_role[each.key].id
  policy = data.aws_iam_policy_document.change_pipe_policy[each.key].json
}

# Each change of the table, one message each, to the change topic: no code runs in the function. The
# template names the change as DynamoDB does (INSERT, MODIFY, REMOVE), the route, the table and the key
# in DynamoDB's typed form, which keeps numbers exact (docs/deploy.md).
resource "aws_pipes_pipe" "change_pipe" {
  for_each = var.notifications ? local.resources : {}

  description = "Changes of a DynamoDbManager resource table to its change topic"
  role_arn    = aws_iam_role.change_pipe_role[each.key].arn
  source      = aws_dynamodb_table.resource_table[each.key].stream_arn
  target      = aws_sns_topic.change_topic.arn

  source_parameters {
    dynamodb_stream_parameters {
      starting_position = "LATEST"
      batch_size        = 1
    }
  }

  target_parameters {
    input_template = "{\"change\": \"<$.eventName>\", \"route\": \"${each.key}\", \"table\": \"${aws_dynamodb_table.resource_table[each.key].name}\", \"key\": <$.dynamodb.Keys>, \"eventId\": \"<$.eventID>\"}"
  }

  # A pipe whose role cannot yet read the stream fails to start.
  depends_on = [aws_iam_role_policy.change_pipe_policy]
}
