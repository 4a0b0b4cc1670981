terraform {
  required_providers {
    ecsx = {
      source = "ecsx/ecsx"
    }
  }
}

# Credentials and region come from the standard AWS chain (environment,
# shared files, SSO, instance roles) unless set here.
provider "ecsx" {
  region = "eu-west-1"

  default_tags {
    tags = {
      team       = "platform"
      managed-by = "terraform"
    }
  }
}

# Against the local ECS sandbox (`go run ./cmd/ecsx-sandbox`):
# provider "ecsx" {
#   region     = "us-east-1"
#   access_key = "test"
#   secret_key = "test"
#
#   endpoints {
#     ecs = "http://127.0.0.1:4599"
#     sts = "http://127.0.0.1:4599"
#   }
# }
#
# Assuming a role, as with hashicorp/aws:
# provider "ecsx" {
#   region = "eu-west-1"
#
#   assume_role {
#     role_arn     = "arn:aws:iam::123456789012:role/deploy"
#     session_name = "terraform"
#   }
# }
