package sandbox

import (
	"slices"
	"strings"
	"time"
)

// storeKey identifies the state of one account in one region: ECS clusters
// and capacity providers are regional (spec §2).
type storeKey struct {
	Account string
	Region  string
}

// store holds the resources of one (account, region). Every access happens
// with Server.mu held.
type store struct {
	key       storeKey
	partition string
	srv       *Server // for the workload delays and retentions

	clusters map[string]*cluster // by name, including INACTIVE records in retention
	names    []string            // sorted names of the records in clusters, for ListClusters
	live     int                 // clusters that are not INACTIVE, for the quota

	providers map[string]*capacityProvider // custom providers by name
	asgIndex  map[string]string            // Auto Scaling group ARN -> provider name

	namespaces   map[string]string // Cloud Map namespace name -> ARN
	namespaceARN map[string]bool   // known namespace ARNs

	accountDefaults   map[string]string            // PutAccountSettingDefault: setting name -> value
	principalSettings map[string]map[string]string // PutAccountSetting: principal ARN -> name -> value
}

func (s *Server) store(account, region string) *store {
	k := storeKey{account, region}
	st := s.stores[k]
	if st == nil {
		st = &store{
			key:          k,
			partition:    partitionFor(region),
			srv:          s,
			clusters:     make(map[string]*cluster),
			providers:    make(map[string]*capacityProvider),
			asgIndex:     make(map[string]string),
			namespaces:   make(map[string]string),
			namespaceARN: make(map[string]bool),
		}
		s.stores[k] = st
	}
	return st
}

// lookupStore returns the store without creating it.
func (s *Server) lookupStore(account, region string) *store {
	if account == "" {
		account = s.opts.Account
	}
	if region == "" {
		region = DefaultRegion
	}
	return s.store(account, region)
}

// partitionFor returns the ARN partition of a region (spec §2).
func partitionFor(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	case strings.HasPrefix(region, "us-iso-"):
		return "aws-iso"
	case strings.HasPrefix(region, "us-isob-"):
		return "aws-iso-b"
	}
	return "aws"
}

func (st *store) arn(resource string) string {
	return "arn:" + st.partition + ":ecs:" + st.key.Region + ":" + st.key.Account + ":" + resource
}

func (st *store) clusterARN(name string) string { return st.arn("cluster/" + name) }

func (st *store) providerARN(name string) string { return st.arn("capacity-provider/" + name) }

// parseARN splits an ECS ARN of this store into its resource type and id. ok
// is false when the ARN is malformed; mine is false when it belongs to
// another partition, region or account.
func (st *store) parseARN(arn string) (typ, id string, ok, mine bool) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] != "ecs" || parts[3] == "" || parts[4] == "" {
		return "", "", false, false
	}
	typ, id, found := strings.Cut(parts[5], "/")
	if !found || typ == "" || id == "" {
		return "", "", false, false
	}
	mine = parts[1] == st.partition && parts[3] == st.key.Region && parts[4] == st.key.Account
	return typ, id, true, mine
}

// clusterName turns a cluster name or ARN into the name it designates in
// this store. ok is false for an ARN of another kind, region or account.
func (st *store) clusterName(ident string) (name string, ok bool) {
	if !strings.HasPrefix(ident, "arn:") {
		return ident, true
	}
	typ, id, valid, mine := st.parseARN(ident)
	if !valid || !mine || typ != "cluster" {
		return "", false
	}
	return id, true
}

// getCluster returns the record for a name after applying due lifecycle
// transitions; expired INACTIVE records are removed and reported as absent.
func (st *store) getCluster(name string, now time.Time, retention time.Duration) *cluster {
	c := st.clusters[name]
	if c == nil {
		return nil
	}
	st.advance(c, now)
	if c.Status == statusInactive && !now.Before(c.InactiveAt.Add(retention)) {
		st.removeCluster(name)
		return nil
	}
	return c
}

func (st *store) insertCluster(c *cluster) {
	if _, exists := st.clusters[c.Name]; !exists {
		i, _ := slices.BinarySearch(st.names, c.Name)
		st.names = slices.Insert(st.names, i, c.Name)
	}
	st.clusters[c.Name] = c
	st.live++
}

func (st *store) removeCluster(name string) {
	c := st.clusters[name]
	if c == nil {
		return
	}
	if c.Status != statusInactive {
		st.live--
	}
	delete(st.clusters, name)
	if i, found := slices.BinarySearch(st.names, name); found {
		st.names = slices.Delete(st.names, i, i+1)
	}
}
