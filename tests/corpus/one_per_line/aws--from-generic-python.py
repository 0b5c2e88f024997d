s3 = boto3.client("s3", region_name="eu-west-1", aws_secret_access_key="7kFgGcKqYOPrgkLOre+3yUpgh/9O32OmT4a7KoxV")
