package sandbox

import (
	"strings"
	"time"
)

// Resolving the cluster and the identifiers of services, tasks and
// container instances.

// workloadCluster resolves the cluster member of a service, task or
// container instance operation: omitted means "default", and the cluster
// must not be INACTIVE.
func (s *Server) workloadCluster(st *store, ident *string, now time.Time) (*cluster, *apiError) {
	name := "default"
	if ident != nil && *ident != "" {
		name = *ident
	}
	c, err := s.findCluster(st, &name, now)
	if err != nil {
		return nil, err
	}
	if c.Status == statusInactive {
		return nil, errInactive()
	}
	return c, nil
}

// childID turns the identifier of a service, task or container instance
// (a name or ID, or an ARN of the long format typ/CLUSTER/ID or the old
// format typ/ID) into its name or ID in cluster c. ok is false for an ARN of
// another type, cluster, region or account.
func (st *store) childID(c *cluster, typ, ident string) (id string, ok bool) {
	if !isARN(ident) {
		return ident, ident != ""
	}
	t, rest, valid, mine := st.parseARN(ident)
	if !valid || !mine || t != typ {
		return "", false
	}
	if cl, id, long := strings.Cut(rest, "/"); long {
		return id, cl == c.Name && id != ""
	}
	return rest, true
}

// describeChildren answers a Describe call for objects of cluster c of type
// typ: the rendering of each one idents names that render finds, and a
// MISSING failure with its ARN (arnOf for a name or ID) for each other.
func describeChildren[O any](st *store, c *cluster, typ string, idents []string, render func(id string) (O, bool), arnOf func(ident string) string) ([]O, []failure) {
	found, failures := []O{}, []failure{}
	for _, ident := range idents {
		if id, ok := st.childID(c, typ, ident); ok {
			if o, ok := render(id); ok {
				found = append(found, o)
				continue
			}
		}
		arn := ident
		if !isARN(ident) {
			arn = arnOf(ident)
		}
		failures = append(failures, failure{Arn: arn, Reason: "MISSING"})
	}
	return found, failures
}
