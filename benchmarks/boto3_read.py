#!/usr/bin/env python3
"""The boto3 floor of benchmarks/cold-start.sh: serverless-lab's original stack doing the same read,
one GetItem through boto3's Table resource, as the Python DynamoDBManager does it, the item printed.
boto3 finds the local DynamoDB in AWS_ENDPOINT_URL_DYNAMODB, as the function does.

    usage: python3 benchmarks/boto3_read.py <table> <id>    (Debian: apt-get install python3-boto3)
    exits 0 when the item was found and printed, 1 when not
"""
import sys

import boto3

table_name, key = sys.argv[1:3]
item = boto3.resource("dynamodb").Table(table_name).get_item(Key={"id": key}).get("Item")
if item is None:
    sys.exit(1)
print(item)
