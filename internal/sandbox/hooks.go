package sandbox

import (
	"fmt"
	"strings"
	"time"
)

// Occupants are the container instances, tasks and services a test places in
// a cluster. DeleteCluster refuses clusters with occupants (spec §4.6) and
// the cluster counts and statistics report them.
type Occupants struct {
	ContainerInstances, RunningTasks, PendingTasks, ActiveServices, DrainingServices int
}

// hookCluster finds a cluster for a test hook; "" account and region mean the
// defaults, cluster is a name or an ARN.
func (s *Server) hookCluster(account, region, ident string) (*cluster, error) {
	st := s.lookupStore(account, region)
	name, ok := st.clusterName(ident)
	if !ok {
		return nil, fmt.Errorf("sandbox: %q is not a cluster of account %s in %s", ident, st.key.Account, st.key.Region)
	}
	c := st.getCluster(name, s.opts.Now(), s.retention)
	if c == nil {
		return nil, fmt.Errorf("sandbox: cluster %q not found in account %s, region %s", name, st.key.Account, st.key.Region)
	}
	return c, nil
}

// SetOccupants sets the occupants of a cluster. "" account means the default
// account, "" region us-east-1; cluster is a name or an ARN.
func (s *Server) SetOccupants(account, region, cluster string, o Occupants) error {
	if o.ContainerInstances < 0 || o.RunningTasks < 0 || o.PendingTasks < 0 || o.ActiveServices < 0 || o.DrainingServices < 0 {
		return fmt.Errorf("sandbox: occupant counts must not be negative")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.hookCluster(account, region, cluster)
	if err != nil {
		return err
	}
	c.Occupants = o
	s.generation++
	return nil
}

// FailCluster puts a cluster in status FAILED with attachmentsStatus
// UPDATE_FAILED; the reason appears in the details of a FAILED attachment.
func (s *Server) FailCluster(account, region, cluster, reason string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.hookCluster(account, region, cluster)
	if err != nil {
		return err
	}
	if c.Status == statusInactive {
		return fmt.Errorf("sandbox: cluster %q is INACTIVE", c.Name)
	}
	if strings.TrimSpace(reason) == "" {
		reason = "Capacity provider attachment failed."
	}
	c.Status = statusFailed
	c.AttachmentsStatus = updateFailed
	c.UpdateDoneAt = time.Time{}
	c.DeprovisionAt = time.Time{}
	failed := false
	for i := range c.Attachments {
		a := &c.Attachments[i]
		if a.Type != "sc" && a.Status != "DELETED" {
			a.Status = "FAILED"
			a.Details = append(a.Details, keyValuePair{"statusReason", reason})
			failed = true
		}
	}
	if !failed {
		c.Attachments = append(c.Attachments, attachment{
			ID: newUUID(), Type: "asp", Status: "FAILED",
			Details: []keyValuePair{{"statusReason", reason}},
		})
	}
	s.generation++
	return nil
}

// FailCapacityProviderUpdate makes the next (or the current) update of a
// capacity provider end in UPDATE_FAILED with reason, restoring the
// configuration it had before.
func (s *Server) FailCapacityProviderUpdate(account, region, name, reason string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.lookupStore(account, region)
	p := st.getProvider(name, s.opts.Now(), s.retention)
	if p == nil || p.Status == statusInactive {
		return fmt.Errorf("sandbox: capacity provider %q not found in account %s, region %s", name, st.key.Account, st.key.Region)
	}
	if strings.TrimSpace(reason) == "" {
		reason = "The capacity provider update failed."
	}
	p.FailUpdate = reason
	s.generation++
	return nil
}

// AfterNextCall makes fn run once, after the next protocol call of
// operation op (named like "CreateCapacityProvider") has been handled,
// applied or not, with its faults, and before its answer is written or its
// connection dropped: a test changes the sandbox between an attempt and the
// client's retry, as another client would. fn runs without the sandbox's
// locks, so it may call the sandbox, over HTTP too; the hook is removed
// before it runs. A later AfterNextCall for op replaces one that has not
// run; nil removes it.
func (s *Server) AfterNextCall(op string, fn func()) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	if fn == nil {
		delete(s.faults.after, op)
		return
	}
	s.faults.after[op] = fn
}

// runAfterCall runs and removes the AfterNextCall hook of op, if any.
func (fs *faultSet) runAfterCall(op string) {
	fs.mu.Lock()
	fn := fs.after[op]
	delete(fs.after, op)
	fs.mu.Unlock()
	if fn != nil {
		fn()
	}
}
