# The association is imported by the name of its cluster.
terraform import ecsx_cluster_capacity_providers.example web
