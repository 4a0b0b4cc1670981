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
	DropAfterApply  int     `json:"dropAfterApply"`
	DropBeforeApply int     `json:"dropBeforeApply"`
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

// serveAdmin handles the /_sandbox/ endpoints:
//
//	POST   /_sandbox/reset          drop all state, faults and counters
//	GET    /_sandbox/stats          counters
//	POST   /_sandbox/stats/reset    zero the counters
//	POST   /_sandbox/faults         configure the faults of one operation ("" = all)
//	DELETE /_sandbox/faults         remove every fault
//	POST   /_sandbox/lifecycle      delays and retention in milliseconds
//	POST   /_sandbox/occupants      place occupants in a cluster
//	POST   /_sandbox/fail           force a cluster to FAILED
//	POST   /_sandbox/container-instances  register container instances in a cluster; answers their ARNs
//	POST   /_sandbox/autoscaling-groups  register container instances of an Auto Scaling group in a cluster
//	POST   /_sandbox/capacity-providers/fail-update  make a capacity provider's update end UPDATE_FAILED
//	POST   /_sandbox/namespaces     register a Cloud Map namespace
//	POST   /_sandbox/sts/access-keys  register static credentials (AddAccessKey)
//	POST   /_sandbox/sts/roles        register an assumable role (AddRole)
//	POST   /_sandbox/sts/tokens       mint a web identity token (MintWebIdentityToken)
//	GET    /_sandbox/limits         the ECS request throttling table and whether it applies
//	POST   /_sandbox/limits         switch the ECS limits on or off, set the per-call latency
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	route := r.Method + " " + r.URL.Path
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes))
	if err != nil {
		adminError(w, http.StatusRequestEntityTooLarge, "request body too large")
		return
	}
	parse := func(v any) bool {
		if len(body) == 0 {
			return true
		}
		if err := json.Unmarshal(body, v); err != nil {
			adminError(w, http.StatusBadRequest, "invalid JSON: "+err.Error())
			return false
		}
		return true
	}
	ok := map[string]bool{"ok": true}
	switch route {
	case "POST /_sandbox/reset":
		s.Reset()
		adminJSON(w, ok)
	case "GET /_sandbox/stats":
		st := s.Stats()
		adminJSON(w, adminStats{Calls: st.Calls, Total: s.TotalCalls(), ECSCalls: s.ECSCalls(), Throttled: st.Throttled,
			ThrottledCalls: st.ThrottledCalls, Failed: st.Failed, Dropped: st.Dropped})
	case "POST /_sandbox/stats/reset":
		s.ResetStats()
		adminJSON(w, ok)
	case "POST /_sandbox/faults":
		var f adminFault
		if !parse(&f) {
			return
		}
		if f.RateLimit < 0 || f.Burst < 0 || f.ErrorRate < 0 || f.ErrorRate > 1 || f.LatencyMs < 0 || f.DropAfterApply < 0 || f.DropBeforeApply < 0 {
			adminError(w, http.StatusBadRequest, "fault values out of range")
			return
		}
		if f.Operation != "" {
			if _, known := operations[f.Operation]; !known {
				adminError(w, http.StatusBadRequest, "unknown operation "+f.Operation)
				return
			}
		}
		s.SetFault(f.Operation, Fault{
			RateLimit: f.RateLimit, Burst: f.Burst, ErrorRate: f.ErrorRate,
			Latency: time.Duration(f.LatencyMs) * time.Millisecond, DropAfterApply: f.DropAfterApply,
			DropBeforeApply: f.DropBeforeApply, Error: f.Error,
		})
		adminJSON(w, ok)
	case "DELETE /_sandbox/faults":
		s.ClearFaults()
		adminJSON(w, ok)
	case "POST /_sandbox/lifecycle":
		var l adminLifecycle
		if !parse(&l) {
			return
		}
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
		adminJSON(w, ok)
	case "POST /_sandbox/container-instances":
		var in adminInstances
		if !parse(&in) {
			return
		}
		if in.Count == 0 {
			in.Count = 1
		}
		arns, err := s.RegisterContainerInstances(in.Account, in.Region, in.Cluster, in.Count)
		if err != nil {
			adminError(w, http.StatusBadRequest, err.Error())
			return
		}
		adminJSON(w, map[string][]string{"containerInstanceArns": arns})
	case "POST /_sandbox/autoscaling-groups":
		var g adminASG
		if !parse(&g) {
			return
		}
		if err := s.SetAutoScalingGroupInstances(g.Account, g.Region, g.Cluster, g.AutoScalingGroupArn, g.Instances); err != nil {
			adminError(w, http.StatusBadRequest, err.Error())
			return
		}
		adminJSON(w, ok)
	case "POST /_sandbox/capacity-providers/fail-update":
		var f adminProviderFail
		if !parse(&f) {
			return
		}
		if err := s.FailCapacityProviderUpdate(f.Account, f.Region, f.Name, f.Reason); err != nil {
			adminError(w, http.StatusNotFound, err.Error())
			return
		}
		adminJSON(w, ok)
	case "POST /_sandbox/occupants":
		var o adminOccupants
		if !parse(&o) {
			return
		}
		err := s.SetOccupants(o.Account, o.Region, o.Cluster, Occupants{
			ContainerInstances: o.ContainerInstances, RunningTasks: o.RunningTasks, PendingTasks: o.PendingTasks,
			ActiveServices: o.ActiveServices, DrainingServices: o.DrainingServices,
		})
		if err != nil {
			adminError(w, http.StatusNotFound, err.Error())
			return
		}
		adminJSON(w, ok)
	case "POST /_sandbox/fail":
		var f adminFail
		if !parse(&f) {
			return
		}
		if err := s.FailCluster(f.Account, f.Region, f.Cluster, f.Reason); err != nil {
			adminError(w, http.StatusNotFound, err.Error())
			return
		}
		adminJSON(w, ok)
	case "POST /_sandbox/namespaces":
		var n adminNamespace
		if !parse(&n) {
			return
		}
		if n.Namespace == "" {
			adminError(w, http.StatusBadRequest, "namespace is required")
			return
		}
		adminJSON(w, map[string]string{"arn": s.RegisterNamespace(n.Account, n.Region, n.Namespace)})
	case "POST /_sandbox/sts/access-keys":
		var k adminAccessKey
		if !parse(&k) {
			return
		}
		if err := s.auth.AddAccessKey(k.AccessKey, k.SecretKey, k.Account, k.PrincipalARN); err != nil {
			adminError(w, http.StatusBadRequest, err.Error())
			return
		}
		adminJSON(w, ok)
	case "POST /_sandbox/sts/roles":
		var role adminRole
		if !parse(&role) {
			return
		}
		if role.MaxSessionDurationSeconds < 0 {
			adminError(w, http.StatusBadRequest, "maxSessionDurationSeconds must not be negative")
			return
		}
		err := s.auth.AddRole(awsauth.Role{ARN: role.ARN, ExternalID: role.ExternalID, WebIdentityAudiences: role.WebIdentityAudiences,
			MaxSessionDuration: time.Duration(role.MaxSessionDurationSeconds) * time.Second})
		if err != nil {
			adminError(w, http.StatusBadRequest, err.Error())
			return
		}
		adminJSON(w, ok)
	case "POST /_sandbox/sts/tokens":
		var tok adminToken
		if !parse(&tok) {
			return
		}
		var aud []string
		var one string
		if err := json.Unmarshal(tok.Aud, &one); err == nil {
			aud = []string{one}
		} else if err := json.Unmarshal(tok.Aud, &aud); err != nil {
			aud = nil
		}
		if tok.Iss == "" || tok.Sub == "" || len(aud) == 0 {
			adminError(w, http.StatusBadRequest, "iss, sub and aud (a string or an array of strings) are required")
			return
		}
		expiresIn := int64(3600)
		if tok.ExpiresInSeconds != nil {
			expiresIn = *tok.ExpiresInSeconds
		}
		exp := s.opts.Now().Add(time.Duration(expiresIn) * time.Second)
		adminJSON(w, map[string]string{"token": awsauth.MintWebIdentityToken(tok.Iss, tok.Sub, aud, exp)})
	case "GET /_sandbox/limits":
		adminJSON(w, s.limitsState())
	case "POST /_sandbox/limits":
		var l adminLimits
		if !parse(&l) {
			return
		}
		if l.LatencyMs != nil && *l.LatencyMs < 0 {
			adminError(w, http.StatusBadRequest, "latencyMs must not be negative")
			return
		}
		if l.Enabled != nil {
			s.SetECSLimits(*l.Enabled)
		}
		if l.LatencyMs != nil {
			s.SetLatency(time.Duration(*l.LatencyMs) * time.Millisecond)
		}
		adminJSON(w, s.limitsState())
	default:
		adminError(w, http.StatusNotFound, "no such admin endpoint: "+route)
	}
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
