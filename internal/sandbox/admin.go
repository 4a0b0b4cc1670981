package sandbox

import (
	"encoding/json"
	"io"
	"net/http"
	"time"

	"github.com/ecsx/terraform-provider-ecsx/internal/ecslimits"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox/awsauth"
)

// adminPrefix is the path of the JSON test-control API. It shares the port
// with the ECS protocol; its calls are not counted in Stats.
const adminPrefix = "/_sandbox/"

type adminFault struct {
	Operation       string  `json:"operation"`
	RateLimit       float64 `json:"rateLimit"`
	Burst           int     `json:"burst"`
	ErrorRate       float64 `json:"errorRate"`
	LatencyMs       int64   `json:"latencyMs"`
	LatencyCalls    int     `json:"latencyCalls"`
	DropAfterApply  int     `json:"dropAfterApply"`
	DropBeforeApply int     `json:"dropBeforeApply"`
	ErrorAfterApply int     `json:"errorAfterApply"`
	Error           string  `json:"error"`
}

type adminLifecycle struct {
	ProvisionDelayMs    *int64 `json:"provisionDelayMs"`
	DeprovisionDelayMs  *int64 `json:"deprovisionDelayMs"`
	InactiveRetentionMs *int64 `json:"inactiveRetentionMs"`

	ProviderProvisionDelayMs *int64 `json:"providerProvisionDelayMs"`
	ProviderUpdateDelayMs    *int64 `json:"providerUpdateDelayMs"`
	ScaleInDelayMs           *int64 `json:"scaleInDelayMs"`

	ServiceDrainDelayMs    *int64 `json:"serviceDrainDelayMs"`
	StoppedTaskRetentionMs *int64 `json:"stoppedTaskRetentionMs"`
}

type adminInstances struct {
	Account string `json:"account"`
	Region  string `json:"region"`
	Cluster string `json:"cluster"`
	Count   int    `json:"count"`
}

type adminASG struct {
	Account             string `json:"account"`
	Region              string `json:"region"`
	Cluster             string `json:"cluster"`
	AutoScalingGroupArn string `json:"autoScalingGroupArn"`
	Instances           int    `json:"instances"`
}

type adminProviderFail struct {
	Account string `json:"account"`
	Region  string `json:"region"`
	Name    string `json:"name"`
	Reason  string `json:"reason"`
}

type adminOccupants struct {
	Account            string `json:"account"`
	Region             string `json:"region"`
	Cluster            string `json:"cluster"`
	ContainerInstances int    `json:"containerInstances"`
	RunningTasks       int    `json:"runningTasks"`
	PendingTasks       int    `json:"pendingTasks"`
	ActiveServices     int    `json:"activeServices"`
	DrainingServices   int    `json:"drainingServices"`
}

type adminFail struct {
	Account string `json:"account"`
	Region  string `json:"region"`
	Cluster string `json:"cluster"`
	Reason  string `json:"reason"`
}

type adminNamespace struct {
	Account   string `json:"account"`
	Region    string `json:"region"`
	Namespace string `json:"namespace"`
}

type adminAccessKey struct {
	AccessKey    string `json:"accessKey"`
	SecretKey    string `json:"secretKey"`
	Account      string `json:"account"`
	PrincipalARN string `json:"principalArn"`
}

type adminRole struct {
	ARN                       string   `json:"arn"`
	ExternalID                string   `json:"externalId"`
	WebIdentityAudiences      []string `json:"webIdentityAudiences"`
	MaxSessionDurationSeconds int64    `json:"maxSessionDurationSeconds"`
}

type adminToken struct {
	Iss              string          `json:"iss"`
	Sub              string          `json:"sub"`
	Aud              json.RawMessage `json:"aud"` // a string or an array of strings
	ExpiresInSeconds *int64          `json:"expiresInSeconds"`
}

type adminStats struct {
	Calls          map[string]int `json:"calls"`
	Total          int            `json:"total"`
	ECSCalls       int            `json:"ecsCalls"`
	Throttled      int            `json:"throttled"`
	ThrottledCalls map[string]int `json:"throttledCalls"`
	Failed         int            `json:"failed"`
	Dropped        int            `json:"dropped"`
}

// adminLimits is the body of POST /_sandbox/limits; absent fields are
// unchanged.
type adminLimits struct {
	Enabled   *bool  `json:"enabled"`
	LatencyMs *int64 `json:"latencyMs"`
}

type adminLimitsState struct {
	Enabled    bool                 `json:"enabled"`
	LatencyMs  int64                `json:"latencyMs"`
	Source     string               `json:"source"`
	Categories []adminLimitCategory `json:"categories"`
}

type adminLimitCategory struct {
	Name       string   `json:"name"`
	Burst      int      `json:"burst"`
	Refill     float64  `json:"refillPerSecond"`
	Operations []string `json:"operations"`
}

// adminFailure is a refused admin request: its HTTP status and message.
type adminFailure struct {
	status int
	msg    string
}

// adminHandler serves one admin endpoint: it gets the request body and
// returns the JSON answer or the refusal.
type adminHandler func(s *Server, body []byte) (any, *adminFailure)

// adminRoutes are the /_sandbox/ endpoints.
var adminRoutes = []struct {
	method, path string
	handle       adminHandler
}{
	{"POST", "/_sandbox/reset", (*Server).adminReset},                                                 // drop all state, faults and counters
	{"GET", "/_sandbox/stats", (*Server).adminStats},                                                  // counters
	{"POST", "/_sandbox/stats/reset", (*Server).adminResetStats},                                      // zero the counters
	{"POST", "/_sandbox/faults", withBody((*Server).adminSetFault)},                                   // configure the faults of one operation ("" = all)
	{"DELETE", "/_sandbox/faults", (*Server).adminClearFaults},                                        // remove every fault
	{"POST", "/_sandbox/lifecycle", withBody((*Server).adminLifecycle)},                               // delays and retention in milliseconds
	{"POST", "/_sandbox/container-instances", withBody((*Server).adminContainerInstances)},            // register container instances in a cluster; answers their ARNs
	{"POST", "/_sandbox/autoscaling-groups", withBody((*Server).adminAutoScalingGroup)},               // register container instances of an Auto Scaling group in a cluster
	{"POST", "/_sandbox/capacity-providers/fail-update", withBody((*Server).adminFailProviderUpdate)}, // make a capacity provider's update end UPDATE_FAILED
	{"POST", "/_sandbox/occupants", withBody((*Server).adminOccupants)},                               // place occupants in a cluster
	{"POST", "/_sandbox/fail", withBody((*Server).adminFailCluster)},                                  // force a cluster to FAILED
	{"POST", "/_sandbox/namespaces", withBody((*Server).adminNamespace)},                              // register a Cloud Map namespace
	{"POST", "/_sandbox/sts/access-keys", withBody((*Server).adminAccessKey)},                         // register static credentials (AddAccessKey)
	{"POST", "/_sandbox/sts/roles", withBody((*Server).adminRole)},                                    // register an assumable role (AddRole)
	{"POST", "/_sandbox/sts/tokens", withBody((*Server).adminToken)},                                  // mint a web identity token (MintWebIdentityToken)
	{"GET", "/_sandbox/limits", (*Server).adminGetLimits},                                             // the ECS request throttling table and whether it applies
	{"POST", "/_sandbox/limits", withBody((*Server).adminSetLimits)},                                  // switch the ECS limits on or off, set the per-call latency
}

// serveAdmin handles the /_sandbox/ endpoints of adminRoutes.
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes))
	if err != nil {
		adminError(w, http.StatusRequestEntityTooLarge, "request body too large")
		return
	}
	for _, route := range adminRoutes {
		if route.method != r.Method || route.path != r.URL.Path {
			continue
		}
		resp, failure := route.handle(s, body)
		if failure != nil {
			adminError(w, failure.status, failure.msg)
			return
		}
		adminJSON(w, resp)
		return
	}
	adminError(w, http.StatusNotFound, "no such admin endpoint: "+r.Method+" "+r.URL.Path)
}

// adminOK is the answer of the endpoints that answer nothing else.
var adminOK = map[string]bool{"ok": true}

// withBody makes an adminHandler of a handler of a JSON body of type T;
// an empty body is the zero value.
func withBody[T any](h func(s *Server, in T) (any, *adminFailure)) adminHandler {
	return func(s *Server, body []byte) (any, *adminFailure) {
		var in T
		if len(body) > 0 {
			if err := json.Unmarshal(body, &in); err != nil {
				return nil, badAdminRequest("invalid JSON: " + err.Error())
			}
		}
		return h(s, in)
	}
}

func badAdminRequest(msg string) *adminFailure {
	return &adminFailure{http.StatusBadRequest, msg}
}

func (s *Server) adminReset([]byte) (any, *adminFailure) {
	s.Reset()
	return adminOK, nil
}

func (s *Server) adminStats([]byte) (any, *adminFailure) {
	st := s.Stats()
	return adminStats{Calls: st.Calls, Total: s.TotalCalls(), ECSCalls: s.ECSCalls(), Throttled: st.Throttled,
		ThrottledCalls: st.ThrottledCalls, Failed: st.Failed, Dropped: st.Dropped}, nil
}

func (s *Server) adminResetStats([]byte) (any, *adminFailure) {
	s.ResetStats()
	return adminOK, nil
}

func (s *Server) adminSetFault(f adminFault) (any, *adminFailure) {
	if f.RateLimit < 0 || f.Burst < 0 || f.ErrorRate < 0 || f.ErrorRate > 1 || f.LatencyMs < 0 || f.DropAfterApply < 0 || f.DropBeforeApply < 0 || f.ErrorAfterApply < 0 {
		return nil, badAdminRequest("fault values out of range")
	}
	if f.LatencyCalls < 0 {
		return nil, badAdminRequest("fault values out of range")
	}
	if f.Operation != "" {
		if _, known := operations[f.Operation]; !known {
			return nil, badAdminRequest("unknown operation " + f.Operation)
		}
	}
	s.SetFault(f.Operation, Fault{
		RateLimit: f.RateLimit, Burst: f.Burst, ErrorRate: f.ErrorRate,
		Latency: time.Duration(f.LatencyMs) * time.Millisecond, DropAfterApply: f.DropAfterApply,
		DropBeforeApply: f.DropBeforeApply, ErrorAfterApply: f.ErrorAfterApply, Error: f.Error,
		LatencyCalls: f.LatencyCalls,
	})
	return adminOK, nil
}

func (s *Server) adminClearFaults([]byte) (any, *adminFailure) {
	s.ClearFaults()
	return adminOK, nil
}

// adminLifecycle changes the delays given; absent or negative ones are kept.
func (s *Server) adminLifecycle(l adminLifecycle) (any, *adminFailure) {
	s.mu.Lock()
	prov, deprov, ret := s.provision, s.deprov, s.retention
	pl := ProviderLifecycle{Provision: s.cpProvision, Update: s.cpUpdate, ScaleIn: s.scaleIn}
	wl := WorkloadLifecycle{ServiceDrain: s.serviceDrain, StoppedTaskRetention: s.taskRetention}
	s.mu.Unlock()
	ms := func(v *int64, cur time.Duration) time.Duration {
		if v == nil || *v < 0 {
			return cur
		}
		return time.Duration(*v) * time.Millisecond
	}
	s.SetLifecycle(ms(l.ProvisionDelayMs, prov), ms(l.DeprovisionDelayMs, deprov), ms(l.InactiveRetentionMs, ret))
	s.SetProviderLifecycle(ProviderLifecycle{
		Provision: ms(l.ProviderProvisionDelayMs, pl.Provision), Update: ms(l.ProviderUpdateDelayMs, pl.Update),
		ScaleIn: ms(l.ScaleInDelayMs, pl.ScaleIn),
	})
	s.SetWorkloadLifecycle(WorkloadLifecycle{
		ServiceDrain: ms(l.ServiceDrainDelayMs, wl.ServiceDrain), StoppedTaskRetention: ms(l.StoppedTaskRetentionMs, wl.StoppedTaskRetention),
	})
	return adminOK, nil
}

func (s *Server) adminContainerInstances(in adminInstances) (any, *adminFailure) {
	if in.Count == 0 {
		in.Count = 1
	}
	arns, err := s.RegisterContainerInstances(in.Account, in.Region, in.Cluster, in.Count)
	if err != nil {
		return nil, badAdminRequest(err.Error())
	}
	return map[string][]string{"containerInstanceArns": arns}, nil
}

func (s *Server) adminAutoScalingGroup(g adminASG) (any, *adminFailure) {
	if err := s.SetAutoScalingGroupInstances(g.Account, g.Region, g.Cluster, g.AutoScalingGroupArn, g.Instances); err != nil {
		return nil, badAdminRequest(err.Error())
	}
	return adminOK, nil
}

func (s *Server) adminFailProviderUpdate(f adminProviderFail) (any, *adminFailure) {
	if err := s.FailCapacityProviderUpdate(f.Account, f.Region, f.Name, f.Reason); err != nil {
		return nil, &adminFailure{http.StatusNotFound, err.Error()}
	}
	return adminOK, nil
}

func (s *Server) adminOccupants(o adminOccupants) (any, *adminFailure) {
	err := s.SetOccupants(o.Account, o.Region, o.Cluster, Occupants{
		ContainerInstances: o.ContainerInstances, RunningTasks: o.RunningTasks, PendingTasks: o.PendingTasks,
		ActiveServices: o.ActiveServices, DrainingServices: o.DrainingServices,
	})
	if err != nil {
		return nil, &adminFailure{http.StatusNotFound, err.Error()}
	}
	return adminOK, nil
}

func (s *Server) adminFailCluster(f adminFail) (any, *adminFailure) {
	if err := s.FailCluster(f.Account, f.Region, f.Cluster, f.Reason); err != nil {
		return nil, &adminFailure{http.StatusNotFound, err.Error()}
	}
	return adminOK, nil
}

func (s *Server) adminNamespace(n adminNamespace) (any, *adminFailure) {
	if n.Namespace == "" {
		return nil, badAdminRequest("namespace is required")
	}
	return map[string]string{"arn": s.RegisterNamespace(n.Account, n.Region, n.Namespace)}, nil
}

func (s *Server) adminAccessKey(k adminAccessKey) (any, *adminFailure) {
	if err := s.auth.AddAccessKey(k.AccessKey, k.SecretKey, k.Account, k.PrincipalARN); err != nil {
		return nil, badAdminRequest(err.Error())
	}
	return adminOK, nil
}

func (s *Server) adminRole(role adminRole) (any, *adminFailure) {
	if role.MaxSessionDurationSeconds < 0 {
		return nil, badAdminRequest("maxSessionDurationSeconds must not be negative")
	}
	err := s.auth.AddRole(awsauth.Role{ARN: role.ARN, ExternalID: role.ExternalID, WebIdentityAudiences: role.WebIdentityAudiences,
		MaxSessionDuration: time.Duration(role.MaxSessionDurationSeconds) * time.Second})
	if err != nil {
		return nil, badAdminRequest(err.Error())
	}
	return adminOK, nil
}

// adminToken mints a web identity token; aud is a string or an array of
// strings, and the token expires in an hour unless expiresInSeconds says
// otherwise.
func (s *Server) adminToken(tok adminToken) (any, *adminFailure) {
	var aud []string
	var one string
	if err := json.Unmarshal(tok.Aud, &one); err == nil {
		aud = []string{one}
	} else if err := json.Unmarshal(tok.Aud, &aud); err != nil {
		aud = nil
	}
	if tok.Iss == "" || tok.Sub == "" || len(aud) == 0 {
		return nil, badAdminRequest("iss, sub and aud (a string or an array of strings) are required")
	}
	expiresIn := int64(3600)
	if tok.ExpiresInSeconds != nil {
		expiresIn = *tok.ExpiresInSeconds
	}
	exp := s.opts.Now().Add(time.Duration(expiresIn) * time.Second)
	return map[string]string{"token": awsauth.MintWebIdentityToken(tok.Iss, tok.Sub, aud, exp)}, nil
}

func (s *Server) adminGetLimits([]byte) (any, *adminFailure) {
	return s.limitsState(), nil
}

// adminSetLimits switches the ECS limits and sets the latency; absent
// fields are unchanged.
func (s *Server) adminSetLimits(l adminLimits) (any, *adminFailure) {
	if l.LatencyMs != nil && *l.LatencyMs < 0 {
		return nil, badAdminRequest("latencyMs must not be negative")
	}
	if l.Enabled != nil {
		s.SetECSLimits(*l.Enabled)
	}
	if l.LatencyMs != nil {
		s.SetLatency(time.Duration(*l.LatencyMs) * time.Millisecond)
	}
	return s.limitsState(), nil
}

func adminJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func adminError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

func (s *Server) limitsState() adminLimitsState {
	st := adminLimitsState{Enabled: s.ECSLimits(), LatencyMs: s.Latency().Milliseconds(), Source: ecslimits.Source}
	for _, c := range ecslimits.Categories {
		st.Categories = append(st.Categories, adminLimitCategory{Name: c.Name, Burst: c.Burst, Refill: c.Refill, Operations: c.Operations})
	}
	return st
}
