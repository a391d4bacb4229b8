# The same deployment as deploy/aws/template.yaml, for Terraform users. Run it from this folder
# (or with terraform -chdir=deploy/terraform) after deploy/package.sh has built the zip.
terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.x from 5.87: aws_api_gateway_account's reset_on_delete, which 6.0 removed (its destroy always
      # resets), and aws_api_gateway_deployment's triggers.
      version = "~> 5.87"
    }
    # random_password: the paging tokens' key (NEXT_TOKEN_SECRET).
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }
}

provider "aws" {
  # null: the usual AWS_REGION / profile configuration.
  region = var.region

  default_tags {
    tags = {
      project = "DynamoDbManager"
    }
  }
}

data "aws_region" "current" {}
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
