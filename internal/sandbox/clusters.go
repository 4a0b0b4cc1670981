package sandbox

import (
	"encoding/base64"
	"slices"
	"time"
)

// cluster is the stored state of one cluster. Fields are exported for the
// state file (persist.go).
type cluster struct {
	Name              string
	Status            string
	AttachmentsStatus string                `json:",omitempty"`
	Configuration     *clusterConfiguration `json:",omitempty"`
	Settings          []clusterSetting
	Tags              []storedTag
	CapacityProviders []string
	Strategy          []storedStrategyItem
	Attachments       []attachment
	Namespace         string   `json:",omitempty"` // Cloud Map namespace ARN of the Service Connect default
	ScopedProviders   []string `json:",omitempty"` // cluster-scoped (Managed Instances) providers
	Occupants         Occupants
	ASGInstances      []asgInstances `json:",omitempty"` // container instances of Auto Scaling groups

	Services  map[string]*service           `json:",omitempty"` // by name
	Tasks     map[string]*task              `json:",omitempty"` // by ID
	Instances map[string]*containerInstance `json:",omitempty"` // container instances by ID

	UpdateDoneAt  time.Time `json:",omitzero"` // pending attachment update completes
	DeprovisionAt time.Time `json:",omitzero"` // DEPROVISIONING ends
	InactiveAt    time.Time `json:",omitzero"` // became INACTIVE; retention counts from here
}

// renderMode selects the members a response carries (spec §3.1).
type renderMode int

const (
	renderCreate   renderMode = iota // CreateCluster: stored tags
	renderMutation                   // Update*/Put*/DeleteCluster: tags []
	renderDescribe                   // DescribeClusters: include-gated
)

// clusterFields is the set of DescribeClusters include values.
type clusterFields struct {
	attachments, configurations, settings, statistics, tags bool
}

func (st *store) render(c *cluster, mode renderMode, inc clusterFields) clusterOut {
	w := c.counts()
	out := clusterOut{
		ClusterArn:                        st.clusterARN(c.Name),
		ClusterName:                       c.Name,
		Status:                            c.Status,
		RegisteredContainerInstancesCount: w.instances,
		RunningTasksCount:                 w.runningTasks,
		PendingTasksCount:                 w.pendingTasks,
		ActiveServicesCount:               w.activeSvc,
		CapacityProviders:                 append(append([]string{}, c.CapacityProviders...), c.ScopedProviders...),
		DefaultCapacityProviderStrategy:   append([]storedStrategyItem{}, c.Strategy...),
	}
	if c.Namespace != "" {
		ns := c.Namespace
		out.ServiceConnectDefaults = &serviceConnectDefaults{Namespace: &ns}
	}
	if mode != renderDescribe {
		inc = clusterFields{attachments: true, configurations: true, settings: true, statistics: true}
		if mode == renderCreate {
			inc.tags = true
		} else {
			out.Tags = []storedTag{}
		}
	}
	if inc.configurations && c.Configuration != nil {
		cfg := *c.Configuration
		out.Configuration = &cfg
	}
	if inc.statistics {
		out.Statistics = w.statistics()
	}
	if inc.tags {
		out.Tags = append([]storedTag{}, c.Tags...)
	}
	if inc.settings {
		out.Settings = append([]clusterSetting{}, c.Settings...)
	}
	if inc.attachments {
		if len(c.Attachments) > 0 || mode == renderDescribe {
			out.Attachments = slices.Clone(c.Attachments)
			if out.Attachments == nil {
				out.Attachments = []attachment{}
			}
		}
		out.AttachmentsStatus = c.AttachmentsStatus
	}
	return out
}

// findCluster resolves the cluster member of a single-cluster operation.
// Unknown clusters give ClusterNotFoundException (spec §4.3-4.6).
func (s *Server) findCluster(st *store, ident *string, now time.Time) (*cluster, *apiError) {
	if ident == nil || *ident == "" {
		return nil, invalidParam("The cluster parameter is required.")
	}
	name, ok := st.clusterName(*ident)
	if !ok {
		return nil, errorf("ClusterNotFoundException", "Cluster not found.")
	}
	if err := validateClusterName(name); err != nil {
		return nil, err
	}
	c := st.getCluster(name, now, s.retention)
	if c == nil {
		return nil, errorf("ClusterNotFoundException", "Cluster not found.")
	}
	return c, nil
}

func errInactive() *apiError {
	return invalidParam("The specified cluster is inactive. Specify an active cluster and try again.")
}

type clusterResponse struct {
	Cluster clusterOut `json:"cluster"`
}

// createCluster implements CreateCluster (spec §4.1).
func (s *Server) createCluster(c *call, body []byte) (any, *apiError) {
	var in struct {
		ClusterName                     *string                 `json:"clusterName"`
		Tags                            []tag                   `json:"tags"`
		Settings                        []clusterSetting        `json:"settings"`
		Configuration                   *clusterConfiguration   `json:"configuration"`
		CapacityProviders               []string                `json:"capacityProviders"`
		DefaultCapacityProviderStrategy []strategyItem          `json:"defaultCapacityProviderStrategy"`
		ServiceConnectDefaults          *serviceConnectDefaults `json:"serviceConnectDefaults"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	name := "default"
	if in.ClusterName != nil {
		name = *in.ClusterName
	}
	if err := validateClusterName(name); err != nil {
		return nil, err
	}
	tags, err := validateTags(in.Tags)
	if err != nil {
		return nil, err
	}
	settings, err := validateSettings(in.Settings)
	if err != nil {
		return nil, err
	}
	if err := validateConfiguration(in.Configuration); err != nil {
		return nil, err
	}
	st := s.store(c.account, c.region)

	// Idempotency: an existing cluster of that name is returned unchanged,
	// unless the capacity provider arguments disagree.
	if existing := st.getCluster(name, c.now, s.retention); existing != nil && existing.Status != statusInactive {
		if !slices.Equal(nonNil(in.CapacityProviders), nonNil(existing.CapacityProviders)) ||
			!slices.Equal(normalizeStrategy(in.DefaultCapacityProviderStrategy), nonNil(existing.Strategy)) {
			return nil, invalidParam("Arguments on this idempotent request are inconsistent with arguments used in previous request(s).")
		}
		return clusterResponse{st.render(existing, renderCreate, clusterFields{})}, nil
	}
	if st.live >= s.opts.MaxClusters {
		return nil, clientErr("You have reached the limit of %d clusters in this account and region.", s.opts.MaxClusters)
	}
	providers, err := s.validateProviders(st, name, in.CapacityProviders, c.now)
	if err != nil {
		return nil, err
	}
	strategy, err := validateStrategy(in.DefaultCapacityProviderStrategy, providers)
	if err != nil {
		return nil, err
	}
	namespace := ""
	if in.ServiceConnectDefaults != nil {
		if namespace, err = st.resolveNamespace(in.ServiceConnectDefaults.Namespace); err != nil {
			return nil, err
		}
	}

	if len(settings) == 0 {
		settings = []clusterSetting{{Name: "containerInsights", Value: s.effectiveSetting(st, st.rootPrincipal(), "containerInsights")}}
	}
	cfg := in.Configuration
	if cfg != nil && *cfg == (clusterConfiguration{}) {
		cfg = nil
	}
	cl := &cluster{
		Name:          name,
		Status:        statusActive,
		Configuration: cfg,
		Settings:      settings,
		Tags:          tags,
	}
	st.insertCluster(cl)
	s.applyProviders(st, cl, providers, strategy, c.now)
	setNamespace(cl, namespace)
	st.advance(cl, c.now)
	return clusterResponse{st.render(cl, renderCreate, clusterFields{})}, nil
}

func normalizeStrategy(items []strategyItem) []storedStrategyItem {
	out := []storedStrategyItem{}
	for _, it := range items {
		var s storedStrategyItem
		if it.CapacityProvider != nil {
			s.CapacityProvider = *it.CapacityProvider
		}
		if it.Weight != nil {
			s.Weight = *it.Weight
		}
		if it.Base != nil {
			s.Base = *it.Base
		}
		out = append(out, s)
	}
	return out
}

// describeClusters implements DescribeClusters (spec §4.2): unknown clusters
// are MISSING failures, never errors; INACTIVE clusters are described during
// their retention.
func (s *Server) describeClusters(c *call, body []byte) (any, *apiError) {
	var in struct {
		Clusters []string `json:"clusters"`
		Include  []string `json:"include"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if len(in.Clusters) > maxDescribeClusters {
		return nil, invalidParam("At most %d clusters can be described in one request.", maxDescribeClusters)
	}
	var inc clusterFields
	for _, f := range in.Include {
		switch f {
		case "ATTACHMENTS":
			inc.attachments = true
		case "CONFIGURATIONS":
			inc.configurations = true
		case "SETTINGS":
			inc.settings = true
		case "STATISTICS":
			inc.statistics = true
		case "TAGS":
			inc.tags = true
		default:
			return nil, invalidParam("Invalid include value %q. Valid values: ATTACHMENTS, CONFIGURATIONS, SETTINGS, STATISTICS, TAGS.", f)
		}
	}
	idents := in.Clusters
	if len(idents) == 0 {
		idents = []string{"default"}
	}
	st := s.store(c.account, c.region)
	out := struct {
		Clusters []clusterOut `json:"clusters"`
		Failures []failure    `json:"failures"`
	}{Clusters: []clusterOut{}, Failures: []failure{}}
	for _, ident := range idents {
		if name, ok := st.clusterName(ident); ok {
			if cl := st.getCluster(name, c.now, s.retention); cl != nil {
				out.Clusters = append(out.Clusters, st.render(cl, renderDescribe, inc))
				continue
			}
		}
		arn := ident
		if !isARN(ident) {
			arn = st.clusterARN(ident)
		}
		out.Failures = append(out.Failures, failure{Arn: arn, Reason: "MISSING"})
	}
	return out, nil
}

func isARN(s string) bool { return len(s) >= 4 && s[:4] == "arn:" }

// listClusters implements ListClusters (spec §4.7). Clusters are listed in
// name order; the token is the base64 of the last name returned, so pages
// stay consistent while clusters are created and deleted.
func (s *Server) listClusters(c *call, body []byte) (any, *apiError) {
	var in struct {
		MaxResults *int64  `json:"maxResults"`
		NextToken  *string `json:"nextToken"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	limit := maxListResults
	if in.MaxResults != nil {
		if *in.MaxResults < 1 || *in.MaxResults > maxListResults {
			return nil, invalidParam("maxResults must be between 1 and %d.", maxListResults)
		}
		limit = int(*in.MaxResults)
	}
	st := s.store(c.account, c.region)
	start := 0
	if in.NextToken != nil && *in.NextToken != "" {
		after, ok := decodeToken(*in.NextToken)
		if !ok {
			return nil, invalidParam("Invalid nextToken.")
		}
		start, _ = slices.BinarySearch(st.names, after)
		if start < len(st.names) && st.names[start] == after {
			start++
		}
	}
	out := struct {
		ClusterArns []string `json:"clusterArns"`
		NextToken   string   `json:"nextToken,omitempty"`
	}{ClusterArns: []string{}}
	last := ""
	for _, name := range st.names[start:] {
		cl := st.clusters[name]
		st.advance(cl, c.now)
		if cl.Status == statusInactive {
			continue
		}
		if len(out.ClusterArns) == limit {
			out.NextToken = encodeToken(last)
			break
		}
		out.ClusterArns = append(out.ClusterArns, st.clusterARN(name))
		last = name
	}
	return out, nil
}

func encodeToken(name string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("c:" + name))
}

func decodeToken(tok string) (string, bool) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || len(b) < 3 || string(b[:2]) != "c:" || !validName(string(b[2:])) {
		return "", false
	}
	return string(b[2:]), true
}

// updateCluster implements UpdateCluster (spec §4.3): present top-level
// members replace the stored values, absent ones are unchanged; an empty
// configuration clears it and an empty namespace removes the Service Connect
// default.
func (s *Server) updateCluster(c *call, body []byte) (any, *apiError) {
	var in struct {
		Cluster                *string                 `json:"cluster"`
		Settings               []clusterSetting        `json:"settings"`
		Configuration          *clusterConfiguration   `json:"configuration"`
		ServiceConnectDefaults *serviceConnectDefaults `json:"serviceConnectDefaults"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	st := s.store(c.account, c.region)
	cl, err := s.findCluster(st, in.Cluster, c.now)
	if err != nil {
		return nil, err
	}
	if cl.Status == statusInactive {
		return nil, errInactive()
	}
	settings, err := validateSettings(in.Settings)
	if err != nil {
		return nil, err
	}
	if err := validateConfiguration(in.Configuration); err != nil {
		return nil, err
	}
	namespace := cl.Namespace
	if in.ServiceConnectDefaults != nil {
		if namespace, err = st.resolveNamespace(in.ServiceConnectDefaults.Namespace); err != nil {
			return nil, err
		}
	}

	// The only setting is containerInsights, so merging by name is the same
	// as replacing; an empty list leaves the settings unchanged.
	cl.Settings = mergeSettings(cl.Settings, settings)
	if in.Configuration != nil {
		cl.Configuration = in.Configuration
		if *in.Configuration == (clusterConfiguration{}) {
			cl.Configuration = nil
		}
	}
	setNamespace(cl, namespace)
	return clusterResponse{st.render(cl, renderMutation, clusterFields{})}, nil
}

// updateClusterSettings implements UpdateClusterSettings (spec §4.4).
func (s *Server) updateClusterSettings(c *call, body []byte) (any, *apiError) {
	var in struct {
		Cluster  *string          `json:"cluster"`
		Settings []clusterSetting `json:"settings"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if in.Settings == nil {
		return nil, invalidParam("The settings parameter is required.")
	}
	st := s.store(c.account, c.region)
	cl, err := s.findCluster(st, in.Cluster, c.now)
	if err != nil {
		return nil, err
	}
	if cl.Status == statusInactive {
		return nil, errInactive()
	}
	settings, err := validateSettings(in.Settings)
	if err != nil {
		return nil, err
	}
	cl.Settings = mergeSettings(cl.Settings, settings)
	return clusterResponse{st.render(cl, renderMutation, clusterFields{})}, nil
}

// deleteCluster implements DeleteCluster (spec §4.6), checking in order:
// existence, container instances, services and tasks (the real ones and the
// occupants), cluster-scoped providers, updates in progress.
func (s *Server) deleteCluster(c *call, body []byte) (any, *apiError) {
	var in struct {
		Cluster *string `json:"cluster"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	st := s.store(c.account, c.region)
	cl, err := s.findCluster(st, in.Cluster, c.now)
	if err != nil {
		return nil, err
	}
	if cl.Status == statusInactive || cl.Status == statusDeprovisioning {
		return clusterResponse{st.render(cl, renderMutation, clusterFields{})}, nil
	}
	w := cl.counts()
	switch {
	case w.instances > 0:
		return nil, errorf("ClusterContainsContainerInstancesException", "The Cluster cannot be deleted while Container Instances are active.")
	case w.activeSvc+w.drainingEC2+w.drainingFargate > 0:
		return nil, errorf("ClusterContainsServicesException", "The Cluster cannot be deleted while Services are active.")
	case w.runningTasks+w.pendingTasks > 0:
		return nil, errorf("ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active.")
	case len(cl.ScopedProviders) > 0:
		if s.opts.ClusterScopedDeleteError == "ClusterContainsCapacityProviderException" {
			return nil, errorf("ClusterContainsCapacityProviderException", "The Cluster cannot be deleted while Cluster Scoped Capacity Providers are attached to the cluster.")
		}
		return nil, clientErr("The Cluster cannot be deleted while Cluster Scoped Capacity Providers are attached to the cluster")
	case cl.AttachmentsStatus == updateInProgress:
		return nil, errorf("UpdateInProgressException", "The cluster has an update in progress. Wait for the update to complete and try again.")
	}

	hasASG := false
	for _, name := range cl.CapacityProviders {
		if p := st.providers[name]; p != nil && p.Cluster == cl.Name {
			p.Cluster = ""
			hasASG = true
		}
	}
	cl.CapacityProviders = nil
	cl.Strategy = nil
	cl.Tags = nil
	if hasASG {
		cl.Status = statusDeprovisioning
		cl.DeprovisionAt = c.now.Add(s.deprov)
		for i := range cl.Attachments {
			if cl.Attachments[i].Type != "sc" {
				cl.Attachments[i].Status = "DELETING"
			}
		}
		st.advance(cl, c.now)
	} else {
		st.deactivate(cl, c.now)
	}
	return clusterResponse{st.render(cl, renderMutation, clusterFields{})}, nil
}
