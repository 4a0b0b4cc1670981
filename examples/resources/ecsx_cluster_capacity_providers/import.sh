# The association is imported by the name of its cluster (name@region for
# another region). It has no resource identity: aws_ecs_cluster_capacity_providers
# of hashicorp/aws has none, so no import block written for it uses one, and
# the attributes of an identity cannot change once released; should
# hashicorp/aws define one, ecsx can then take the same attributes.
terraform import ecsx_cluster_capacity_providers.example web
