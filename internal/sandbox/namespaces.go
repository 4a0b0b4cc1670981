package sandbox

import (
	"crypto/sha256"
	"strings"
)

// Service Connect defaults (spec §4.1 item 4, §4.3). ECS reports the Cloud
// Map namespace ARN; a plain name makes ECS create an HTTP namespace. The
// sandbox mints the ARN deterministically from (account, region, name), so
// the same name always maps to the same ARN, and records it in the store's
// namespace registry. An ARN must be in the registry.

// resolveNamespace turns a serviceConnectDefaults.namespace value into a
// namespace ARN; "" means no default.
func (st *store) resolveNamespace(v *string) (string, *apiError) {
	if v == nil {
		return "", invalidParam("The serviceConnectDefaults.namespace parameter is required.")
	}
	ns := *v
	switch {
	case ns == "":
		return "", nil
	case isARN(ns):
		if !st.namespaceARN[ns] {
			return "", errorf("NamespaceNotFoundException", "The specified namespace %s was not found.", ns)
		}
		return ns, nil
	case !validNamespaceName(ns):
		return "", invalidParam("Invalid namespace name %q.", ns)
	}
	return st.registerNamespace(ns), nil
}

// registerNamespace records a namespace given by name or ARN and returns its
// ARN.
func (st *store) registerNamespace(nameOrARN string) string {
	if isARN(nameOrARN) {
		st.namespaceARN[nameOrARN] = true
		return nameOrARN
	}
	if arn, ok := st.namespaces[nameOrARN]; ok {
		return arn
	}
	arn := "arn:" + st.partition + ":servicediscovery:" + st.key.Region + ":" + st.key.Account +
		":namespace/" + namespaceID(st.key, nameOrARN)
	st.namespaces[nameOrARN] = arn
	st.namespaceARN[arn] = true
	return arn
}

// namespaceID derives "ns-" followed by 16 lowercase alphanumerics.
func namespaceID(k storeKey, name string) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	sum := sha256.Sum256([]byte(k.Account + "\x00" + k.Region + "\x00" + name))
	var b strings.Builder
	b.WriteString("ns-")
	for i := 0; i < 16; i++ {
		b.WriteByte(alphabet[int(sum[i])%len(alphabet)])
	}
	return b.String()
}

// validNamespaceName accepts Cloud Map HTTP namespace names: 1-1024
// printable ASCII characters without spaces.
func validNamespaceName(s string) bool {
	if len(s) > 1024 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// setNamespace changes the Service Connect default of a cluster: the
// attached "sc" attachment is marked DELETED and, for a new namespace, an
// ATTACHED one is added.
func setNamespace(c *cluster, arn string) {
	if c.Namespace == arn {
		return
	}
	for i := range c.Attachments {
		if c.Attachments[i].Type == "sc" && c.Attachments[i].Status == "ATTACHED" {
			c.Attachments[i].Status = "DELETED"
		}
	}
	c.Namespace = arn
	if arn != "" {
		c.Attachments = append(c.Attachments, attachment{ID: newUUID(), Type: "sc", Status: "ATTACHED", Details: []keyValuePair{}})
		if c.AttachmentsStatus == "" {
			c.AttachmentsStatus = updateComplete
		}
	}
}

// RegisterNamespace makes a Cloud Map namespace known to the sandbox, so
// that clusters may use its ARN as their Service Connect default. It accepts
// a name (the ARN is minted as for CreateCluster) or an ARN, and returns the
// ARN. "" account and region mean the defaults.
func (s *Server) RegisterNamespace(account, region, nameOrARN string) (arn string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.generation++
	return s.lookupStore(account, region).registerNamespace(nameOrARN)
}
