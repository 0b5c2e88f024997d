variable "api_token" { default = "2roaP0arrJnPp7rBYKwvX" }
resource "aws_ssm_parameter" "api_key" { name = "/prod/api_key", type = "SecureString", value = "bvryBwdeuKayBz7kPvWDbqqtDkVYp" }
