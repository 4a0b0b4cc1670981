package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Descriptions of the identity attributes, shared by the resource identity
// and the list resource.
const (
	descIdentityAccountID = "The AWS account ID of the cluster. Optional in an import block: the account of the provider's credentials when left out."
	descIdentityRegion    = "The region of the cluster. Optional in an import block: the resource's `region` or the provider's when left out."
	descIdentityName      = "The name of the cluster."
)

// clusterIdentityModel is the resource identity of ecsx_cluster, with the
// attribute names of hashicorp/aws's aws_ecs_cluster identity.
type clusterIdentityModel struct {
	AccountID types.String `tfsdk:"account_id"`
	Region    types.String `tfsdk:"region"`
	Name      types.String `tfsdk:"name"`
}

var _ resource.ResourceWithIdentity = (*clusterResource)(nil)

func (r *clusterResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = clusterIdentitySchema()
}

func clusterIdentitySchema() identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"account_id": identityschema.StringAttribute{OptionalForImport: true, Description: descIdentityAccountID},
			"region":     identityschema.StringAttribute{OptionalForImport: true, Description: descIdentityRegion},
			"name":       identityschema.StringAttribute{RequiredForImport: true, Description: descIdentityName},
		},
	}
}

// clusterIdentityOf is the identity of a cluster from its ARN and region;
// ok is false while the ARN is not known (a create without an answer).
func clusterIdentityOf(m *clusterResourceModel) (clusterIdentityModel, bool) {
	arn := m.ARN.ValueString()
	if arn == "" || m.Name.ValueString() == "" {
		return clusterIdentityModel{}, false
	}
	region := regionOfARN(arn)
	if region == "" {
		region = m.Region.ValueString()
	}
	return clusterIdentityModel{
		AccountID: types.StringValue(accountOfARN(arn)),
		Region:    types.StringValue(region),
		Name:      m.Name,
	}, true
}

// setClusterIdentity records the identity of the cluster of m. A CLI
// without resource identity (Terraform before 1.12, OpenTofu) sends none,
// and nothing is recorded.
func setClusterIdentity(ctx context.Context, id *tfsdk.ResourceIdentity, m *clusterResourceModel) diag.Diagnostics {
	if id == nil {
		return nil
	}
	ident, ok := clusterIdentityOf(m)
	if !ok {
		return nil
	}
	return id.Set(ctx, ident)
}

// setGoneClusterIdentity records the identity of a cluster that a refresh
// found gone: the full identity when the ARN is known, else the name and
// region (a create without an answer, recorded by name).
func setGoneClusterIdentity(ctx context.Context, id *tfsdk.ResourceIdentity, m *clusterResourceModel) diag.Diagnostics {
	if id == nil {
		return nil
	}
	if _, ok := clusterIdentityOf(m); ok {
		return setClusterIdentity(ctx, id, m)
	}
	name := m.Name
	if name.ValueString() == "" {
		name = m.ID
	}
	return id.Set(ctx, clusterIdentityModel{AccountID: types.StringNull(), Region: m.Region, Name: name})
}

// importIDFromIdentity turns an import block's identity into the import ID
// the ID-string path parses: the ARN when the account is given, else
// name@region or the name.
func importIDFromIdentity(ctx context.Context, id *tfsdk.ResourceIdentity) (string, diag.Diagnostics) {
	var ident clusterIdentityModel
	diags := id.Get(ctx, &ident)
	if diags.HasError() {
		return "", diags
	}
	name, region, account := ident.Name.ValueString(), ident.Region.ValueString(), ident.AccountID.ValueString()
	switch {
	case name == "":
		diags.AddAttributeError(path.Root("name"), "Missing identity attribute",
			"Attribute name: the identity of an ecsx_cluster to import needs the cluster's name.")
		return "", diags
	case account != "" && region == "":
		diags.AddAttributeError(path.Root("region"), "Missing identity attribute",
			fmt.Sprintf("Attribute region: with account_id %q, give the cluster's region as well (or leave account_id out to use the provider's).", account))
		return "", diags
	case account != "":
		partition := partitionOf(region)
		if partition == "" {
			partition = "aws"
		}
		return fmt.Sprintf("arn:%s:ecs:%s:%s:cluster/%s", partition, region, account, name), diags
	case region != "":
		return name + "@" + region, diags
	}
	return name, diags
}
