terraform {
  required_version = ">= 1.6"
  required_providers {
    aws    = { source = "hashicorp/aws", version = "~> 5.50" }
    random = { source = "hashicorp/random", version = "~> 3.6" }
    vault  = { source = "hashicorp/vault", version = "~> 4.2" }
  }
  backend "s3" {
    bucket = "acme-terraform-state"
    key    = "orders/prod.tfstate"
    region = "eu-west-1"
  }
}

variable "db_password" {
  description = "Master password for the orders database (set via TF_VAR_db_password)."
  type        = string
  sensitive   = true
}

variable "api_key" {
  type      = string
  sensitive = true
  default   = null
}

variable "token_expiry" {
  type    = number
  default = 3600
}

provider "vault" {
  address = "https://vault.acme.io:8200"
  token   = var.vault_token
}

data "vault_generic_secret" "orders" {
  path = "secret/orders/prod"
}

data "aws_ssm_parameter" "client_secret" {
  name            = "/prod/orders/client_secret"
  with_decryption = true
}

resource "random_password" "db" {
  length           = 32
  special          = true
  override_special = "!#$%&*()-_=+[]{}<>:?"
}

resource "aws_db_instance" "orders" {
  identifier                  = "orders-prod"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = "db.t4g.medium"
  username                    = "orders"
  password                    = random_password.db.result
  manage_master_user_password = null
  kms_key_id                  = aws_kms_key.orders.arn
  storage_encrypted           = true
}

resource "aws_secretsmanager_secret" "api" {
  name       = "prod/orders/api"
  kms_key_id = aws_kms_key.orders.key_id
}

resource "aws_secretsmanager_secret_version" "api" {
  secret_id = aws_secretsmanager_secret.api.id
  secret_string = jsonencode({
    api_key       = var.api_key
    client_secret = data.aws_ssm_parameter.client_secret.value
    password      = random_password.db.result
    token         = data.vault_generic_secret.orders.data["token"]
  })
}

resource "aws_iam_access_key" "ci" {
  user    = aws_iam_user.ci.name
  pgp_key = "keybase:acme_ops"
}

module "lambda" {
  source        = "./modules/lambda"
  api_key       = var.api_key
  secret_key    = aws_iam_access_key.ci.secret
  auth_token    = data.vault_generic_secret.orders.data.token
  db_password   = sensitive(random_password.db.result)
  token_expiry  = var.token_expiry
  password_hash = bcrypt(var.db_password)
}

output "db_password" {
  value     = random_password.db.result
  sensitive = true
}

output "access_key_id" {
  value = aws_iam_access_key.ci.id
}
