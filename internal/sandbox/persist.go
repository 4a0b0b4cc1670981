package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
)

// stateVersion identifies the layout of the state file.
const stateVersion = 1

type snapshot struct {
	Format  string          `json:"format"`
	Version int             `json:"version"`
	Stores  []storeSnapshot `json:"stores"`
}

type storeSnapshot struct {
	Account       string              `json:"account"`
	Region        string              `json:"region"`
	Clusters      []*cluster          `json:"clusters"`
	Providers     []*capacityProvider `json:"providers"`
	Namespaces    map[string]string   `json:"namespaces"`
	NamespaceARNs []string            `json:"namespaceArns"`

	AccountDefaults   map[string]string            `json:"accountDefaults,omitempty"`
	PrincipalSettings map[string]map[string]string `json:"principalSettings,omitempty"`
}

const stateFormat = "ecsx-sandbox-state"

// WriteState writes every account's and region's clusters, capacity
// providers and namespaces as JSON. Faults, counters and lifecycle settings
// are not part of the state.
func (s *Server) WriteState(w io.Writer) error {
	s.mu.Lock()
	snap := snapshot{Format: stateFormat, Version: stateVersion, Stores: []storeSnapshot{}}
	for _, st := range s.stores {
		ss := storeSnapshot{Account: st.key.Account, Region: st.key.Region, Namespaces: st.namespaces,
			AccountDefaults: st.accountDefaults, PrincipalSettings: st.principalSettings}
		for _, name := range st.names {
			ss.Clusters = append(ss.Clusters, st.clusters[name])
		}
		for _, p := range st.providers {
			ss.Providers = append(ss.Providers, p)
		}
		sort.Slice(ss.Providers, func(i, j int) bool { return ss.Providers[i].Name < ss.Providers[j].Name })
		for arn := range st.namespaceARN {
			ss.NamespaceARNs = append(ss.NamespaceARNs, arn)
		}
		slices.Sort(ss.NamespaceARNs)
		snap.Stores = append(snap.Stores, ss)
	}
	sort.Slice(snap.Stores, func(i, j int) bool {
		a, b := snap.Stores[i], snap.Stores[j]
		return a.Account < b.Account || a.Account == b.Account && a.Region < b.Region
	})
	b, err := json.MarshalIndent(snap, "", " ")
	s.mu.Unlock()
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// ReadState replaces the state with one written by WriteState. A truncated
// or otherwise invalid document is an error and leaves the state unchanged.
func (s *Server) ReadState(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return errors.New("state is empty")
	}
	var snap snapshot
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&snap); err != nil {
		return fmt.Errorf("state is not valid (truncated or corrupt?): %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("state has trailing data")
	}
	if snap.Format != stateFormat || snap.Version != stateVersion {
		return fmt.Errorf("unsupported state format %q version %d", snap.Format, snap.Version)
	}
	stores := make(map[storeKey]*store)
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ss := range snap.Stores {
		if ss.Account == "" || ss.Region == "" {
			return errors.New("state has a store without account or region")
		}
		k := storeKey{ss.Account, ss.Region}
		if stores[k] != nil {
			return fmt.Errorf("state has account %s region %s twice", k.Account, k.Region)
		}
		st := &store{key: k, partition: partitionFor(k.Region), srv: s, clusters: map[string]*cluster{},
			providers: map[string]*capacityProvider{}, asgIndex: map[string]string{},
			namespaces: map[string]string{}, namespaceARN: map[string]bool{}}
		for _, c := range ss.Clusters {
			if c == nil || !validName(c.Name) || st.clusters[c.Name] != nil || !knownStatus(c.Status) {
				return fmt.Errorf("state has an invalid or duplicate cluster in %s/%s", k.Account, k.Region)
			}
			st.clusters[c.Name] = c
			st.names = append(st.names, c.Name)
			if c.Status != statusInactive {
				st.live++
			}
		}
		slices.Sort(st.names)
		for _, p := range ss.Providers {
			if p == nil || !validName(p.Name) || st.providers[p.Name] != nil {
				return fmt.Errorf("state has an invalid or duplicate capacity provider in %s/%s", k.Account, k.Region)
			}
			st.providers[p.Name] = p
			if p.ASGArn != "" && p.Status != statusInactive {
				st.asgIndex[p.ASGArn] = p.Name
			}
		}
		for name, arn := range ss.Namespaces {
			st.namespaces[name] = arn
		}
		for _, arn := range ss.NamespaceARNs {
			st.namespaceARN[arn] = true
		}
		st.accountDefaults, st.principalSettings = ss.AccountDefaults, ss.PrincipalSettings
		stores[k] = st
	}
	s.stores = stores
	s.generation++
	return nil
}

func knownStatus(s string) bool {
	switch s {
	case statusActive, statusProvisioning, statusDeprovisioning, statusFailed, statusInactive:
		return true
	}
	return false
}

// SaveStateFile writes the state to path atomically: a temporary file in the
// same directory is written, synced and renamed over path, so a crash leaves
// either the old or the new file, never a torn one.
func (s *Server) SaveStateFile(path string) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op after a successful rename
	if err := s.WriteState(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// LoadStateFile reads a state file written by SaveStateFile. A missing file
// gives an error satisfying errors.Is(err, fs.ErrNotExist); an unreadable,
// truncated or corrupt one a descriptive error.
func (s *Server) LoadStateFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := s.ReadState(f); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
