# Terraform 1.5 and later: the name (in the provider's region) or the ARN.
import {
  to = ecsx_capacity_provider.example
  id = "ec2"
}
