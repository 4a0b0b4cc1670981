package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// ClusterResourceSchema returns the schema of the ecsx_cluster resource, the
// same value the resource serves, with its validators, plan modifiers and
// defaults. The benchmark's same-schema floor (bench/noopschema) serves it
// from a resource that makes no API calls, so that comparing ecsx with that
// floor leaves out what Terraform and the framework spend on the schema.
func ClusterResourceSchema(_ context.Context) schema.Schema {
	return clusterSchema()
}
