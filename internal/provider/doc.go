// Package provider implements the ecsx Terraform provider: the provider
// configuration, the ecsx_cluster, ecsx_capacity_provider and
// ecsx_cluster_capacity_providers resources, their data sources and list
// resources, and their conversions to and from the Amazon ECS API.
//
// # Model conversion
//
// Each resource converts between Terraform's values and its Go model in one
// of two ways:
//
//   - The ecsx_cluster resource and its list resource convert by hand:
//     clusterModelFromRaw and clusterModelToRaw (cluster_model.go) walk the
//     schema's attribute types field by field over tftypes.Value. Measured
//     with the benchmark harness at N = 1000, the same provider built with
//     each conversion spent 45.64 s of CPU with the hand-written codec
//     against 54.10 s with State.Get and State.Set: the hand-written codec
//     saves 15.6 % of the provider's CPU (bench/README.md, "Model
//     conversion"), above the 10 % needed to keep it. Per cluster, the
//     benchmarks BenchmarkModelFromRaw and BenchmarkModelToRaw
//     (cluster_model_test.go, run by make bench) compare the two, and
//     TestModelRawRoundTrip checks that clusterModelFromRaw reads what
//     State.Get reads.
//   - Every other resource, and every data source (the ecsx_cluster data
//     source too), uses the framework's Config.Get, Plan.Get, State.Get and
//     State.Set with a tfsdk-tagged model.
//
// A new resource uses State.Get and State.Set. It gets a hand-written codec
// only when the benchmark shows that codec saving at least 10 % of the
// provider's CPU at N = 1000, with a round-trip test against State.Get.
//
// # Resource identity
//
// ecsx_cluster's identity is hashicorp/aws's identity of aws_ecs_cluster
// (account_id, region, name) and ecsx_capacity_provider's that of
// aws_ecs_capacity_provider (arn), so that import blocks by identity written
// for hashicorp/aws import the same objects once the type is renamed; the
// list resources write import blocks by these identities.
// ecsx_cluster_capacity_providers has none: aws_ecs_cluster_capacity_providers
// has none either, so no import block written for it uses one, and an
// identity's attributes cannot change once released without breaking the
// import blocks and states written for them. Its import ID (the cluster's
// name, name@region or ARN) already names all it would hold.
//
// # State
//
// What a provider configuration keeps between calls belongs to the
// providerData its Configure builds: the ECS client of each region with its
// batchers and pacer, the cluster name locks and name counter, and the
// ECSX_DEBUG_NO_BATCHING and ECSX_DEBUG_NO_PACING switches, read once at
// Configure. The framework has no hook that closes a provider, so nothing
// of a configuration lives in package variables: a new Configure starts
// fresh. Package variables hold only schemas built once and fixed settings.
//
// # Layout
//
// Files are grouped by what they serve. The files of one resource carry its
// prefix and hold only that resource; machinery that every resource uses
// lives in files named for its concern. TestLayout_resourceFilesUseNoOtherResourcesHelpers
// (layout_test.go) fails when a resource's file uses something defined in
// another resource's files, except the finders and waiters it lists.
//
//	file                                    what it holds
//	doc.go                                  this overview
//	provider.go                             the provider: schema, Configure, the SDK config, registration of resources
//	providerconfig_data.go                  providerData (what Configure hands to resources), the debug switches, provider block helpers
//	providerconfig_clients.go               one ECS client per region, built on first use, with its batchers
//	providerconfig_credentials.go           credentials resolved and checked at configure, their diagnostics, STS retries
//	providerconfig_accounts.go              allowed_account_ids and forbidden_account_ids
//	providerconfig_assume_role.go           the assume_role block
//	providerconfig_web_identity.go          the assume_role_with_web_identity block
//	providerconfig_ignore_tags.go           the ignore_tags block and its environment variables
//
//	cluster_resource.go                     ecsx_cluster: CRUD, ModifyPlan
//	cluster_schema.go                       ecsx_cluster's schema and descriptions
//	cluster_schema_export.go                the schema exported for the benchmark's floor provider
//	cluster_model.go                        ecsx_cluster's model, expand and flatten, the hand-written codec, the planned values an update returns
//	cluster_validate.go                     apply-time checks of values unknown at plan time
//	cluster_waiters.go                      cluster finders, statuses and waiters
//	cluster_batch.go                        DescribeClusters batches for the batcher
//	cluster_settings.go                     account default settings
//	cluster_force_destroy.go                force_destroy: draining services, tasks and instances, the plan's warning and the apply's report
//	cluster_import.go                       import IDs and the private state of imports
//	cluster_identity.go                     resource identity
//	cluster_move.go                         moved from aws_ecs_cluster, state upgrades
//	cluster_list.go                         the ecsx_cluster list resource (terraform query)
//	cluster_data_source.go                  the ecsx_cluster data source (its schema derived from the resource's)
//	clusters_data_source.go                 the ecsx_clusters data source
//
//	capacity_provider_resource.go           ecsx_capacity_provider: CRUD, ModifyPlan, import
//	capacity_provider_schema.go             its schema
//	capacity_provider_managed_instances_schema.go  the managed_instances_provider block
//	capacity_provider_model.go              its model, expand and flatten
//	capacity_provider_managed_instances_model.go   the Managed Instances model
//	capacity_provider_replace.go            the plan's warning when a capacity provider with a fixed name is replaced
//	capacity_provider_waiters.go            capacity provider finders and waiters (also used by the cluster and the association)
//	capacity_provider_move.go               moved from aws_ecs_capacity_provider
//	capacity_provider_identity.go           resource identity: the ARN, as aws_ecs_capacity_provider's
//	capacity_provider_list.go               the ecsx_capacity_provider list resource (terraform query)
//	capacity_provider_data_source.go        the ecsx_capacity_provider data source
//
//	association_resource.go                 ecsx_cluster_capacity_providers (the association of providers with a cluster)
//	association_move.go                     moved from aws_ecs_cluster_capacity_providers
//
//	arn.go                                  ARN parsing
//	region.go                               Region validation, partitions, the region attribute's plan
//	list.go                                 list resources: configuration, name_regex, the result limit, import-shaped objects
//	batch.go                                the batcher: concurrent reads of one client coalesced into bounded Describe calls
//	retry.go                                retry classification, retry loops, backoff
//	attempts.go                             the attempt log: changes whose outcome is unknown, the lookup after them
//	wait.go                                 the end of a wait: timeout or interruption
//	pacing.go                               pacing of throttled calls
//	tags.go                                 tags, tags_all, default_tags and ignore_tags
//	timeouts.go                             default timeouts and the timeouts block
//	diagnostics.go                          API and wait error diagnostics, credential errors, counts and lists in messages
//	strategy.go                             capacity provider strategies (block and rules) and capacity provider lists
//	scoped_providers.go                     Managed Instances providers scoped to their cluster
//	providers_in_use.go                     the services and tasks that keep capacity providers from leaving a cluster
//	workloads.go                            a cluster's services, tasks and container instances, listed and described page by page
//	names.go                                unique names (name_prefix), name_prefix planning, cluster name locks of a provider configuration
//	move.go                                 moved-state helpers: source check, JSON state shaping
//	flex.go                                 framework values to and from Go values
//	raw.go                                  tftypes.Value helpers and the raw plan
//	derived_schema.go                       data source attributes derived from a resource's schema
//	plan_modifiers.go                       every custom plan modifier, the values an update keeps from the state
//
// Test files carry the prefix of what they test, and mostly the name of
// its file (retry_test.go, cluster_model_test.go, association_move_test.go).
//
// The framework validators of every schema are in internal/validators; the
// readers of object and block values that the models and those validators
// share (attrvalue.KnownAttrs, attrvalue.SingleBlock...) are in
// internal/attrvalue.
package provider
