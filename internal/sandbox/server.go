// Package sandbox is a local emulator of the cluster part of the Amazon ECS
// control plane. It speaks the awsJson1_1 protocol as described in the
// project's ECS API specification (the "spec" cited in comments), so that an
// unmodified aws-sdk-go-v2 ECS client, the AWS CLI or a Terraform provider can
// use it through an endpoint override. See README.md.
//
// A *Server is an http.Handler. State is kept in memory per (account, region);
// status transitions are evaluated lazily against the injected clock when a
// resource is read, so tests are deterministic and no goroutines run in the
// background.
package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox/awsauth"
)

// targetPrefix is the service shape name that prefixes every X-Amz-Target
// (spec §1.1).
const targetPrefix = "AmazonEC2ContainerServiceV20141113."

const contentType = "application/x-amz-json-1.1"

// Defaults applied by New.
const (
	DefaultAccount           = "123456789012"
	DefaultRegion            = "us-east-1"
	DefaultInactiveRetention = time.Hour
	DefaultMaxBodyBytes      = 1 << 20
	DefaultMaxClusters       = 10000
)

// Options configures a Server. The zero value is usable.
type Options struct {
	Account                  string           // default "123456789012"
	ProvisionDelay           time.Duration    // PROVISIONING -> ACTIVE with ASG providers; 0 means ACTIVE at once
	DeprovisionDelay         time.Duration    // DEPROVISIONING -> INACTIVE (and capacity provider deletion)
	InactiveRetention        time.Duration    // how long INACTIVE resources stay describable; default 1h
	ProviderProvisionDelay   time.Duration    // a new capacity provider is PROVISIONING this long; 0 means ACTIVE at once
	ProviderUpdateDelay      time.Duration    // UpdateCapacityProvider: UPDATE_IN_PROGRESS this long; 0 means UPDATE_COMPLETE at once
	ScaleInDelay             time.Duration    // Auto Scaling group instances deregister this long after their provider's deletion starts
	DefaultContainerInsights string           // the service default of containerInsights, which a cluster created without settings gets unless the account has its own; default "disabled"
	ClusterScopedDeleteError string           // "ClientException" (default) or "ClusterContainsCapacityProviderException"
	AccessKey, SecretKey     string           // when both set, registered as an access key of Account (see AddAccessKey): SigV4 is verified
	MaxBodyBytes             int64            // default 1 MiB
	Now                      func() time.Time // clock; default time.Now

	// AccountsByAccessKey optionally maps an access key ID to the account
	// whose state the request sees, for keys that are not registered (see
	// AddAccessKey) while signatures are not verified. Unlisted keys use
	// Account.
	AccountsByAccessKey map[string]string
	// MaxClusters is the per account and region cluster quota; default 10,000.
	MaxClusters int
	// ECSLimits enforces Amazon ECS's documented request throttling, see
	// SetECSLimits.
	ECSLimits bool
	// Latency is added to every protocol call, see SetLatency.
	Latency time.Duration
	// ServiceDrainDelay is how long a deleted service stays DRAINING before
	// it is INACTIVE; 0 means INACTIVE at once.
	ServiceDrainDelay time.Duration
	// StoppedTaskRetention is how long stopped tasks stay listed and
	// describable; default 1h (DefaultStoppedTaskRetention).
	StoppedTaskRetention time.Duration
}

// Server is the sandbox. It implements http.Handler.
type Server struct {
	opts Options

	mu                             sync.Mutex
	stores                         map[storeKey]*store
	provision                      time.Duration
	deprov                         time.Duration
	retention                      time.Duration
	cpProvision, cpUpdate, scaleIn time.Duration
	serviceDrain, taskRetention    time.Duration
	generation                     uint64 // incremented on every state change, see Generation

	faults faultSet
	auth   *awsauth.Authority
	limits limitSet
}

// New returns a Server with the given options.
func New(opts Options) *Server {
	if opts.Account == "" {
		opts.Account = DefaultAccount
	}
	if opts.InactiveRetention == 0 {
		opts.InactiveRetention = DefaultInactiveRetention
	}
	if opts.DefaultContainerInsights == "" {
		opts.DefaultContainerInsights = "disabled"
	}
	if opts.ClusterScopedDeleteError == "" {
		opts.ClusterScopedDeleteError = "ClientException"
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.StoppedTaskRetention <= 0 {
		opts.StoppedTaskRetention = DefaultStoppedTaskRetention
	}
	if opts.MaxClusters <= 0 {
		opts.MaxClusters = DefaultMaxClusters
	}
	s := &Server{
		opts:      opts,
		stores:    make(map[storeKey]*store),
		provision: opts.ProvisionDelay,
		deprov:    opts.DeprovisionDelay,
		retention: opts.InactiveRetention,

		cpProvision: opts.ProviderProvisionDelay,
		cpUpdate:    opts.ProviderUpdateDelay,
		scaleIn:     opts.ScaleInDelay,

		serviceDrain:  opts.ServiceDrainDelay,
		taskRetention: opts.StoppedTaskRetention,
	}
	s.faults.init()
	s.auth = awsauth.New(awsauth.Config{
		Account: opts.Account, Region: DefaultRegion, AccessKey: opts.AccessKey, SecretKey: opts.SecretKey,
		AccountsByAccessKey: opts.AccountsByAccessKey, MaxBodyBytes: opts.MaxBodyBytes, Now: opts.Now,
		CountCall: func(action string) { s.faults.count(STSCallPrefix + action) },
	})
	s.limits.init(opts.ECSLimits, opts.Latency)
	return s
}

// Reset drops all state, faults and counters, the access keys and roles
// registered with AddAccessKey and AddRole and the temporary credentials
// issued by STS, and refills the ECS limits' buckets. Lifecycle delays,
// latency, whether the limits apply and the key of Options are kept.
func (s *Server) Reset() {
	s.mu.Lock()
	s.stores = make(map[storeKey]*store)
	s.generation++
	s.mu.Unlock()
	s.auth.Reset()
	s.limits.refill()
	s.ClearFaults()
	s.ResetStats()
}

// SetLifecycle changes the provisioning and deprovisioning delays and the
// retention of INACTIVE resources. A zero retention keeps the current value.
func (s *Server) SetLifecycle(provision, deprovision, retention time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.provision = provision
	s.deprov = deprovision
	if retention > 0 {
		s.retention = retention
	}
}

// ProviderLifecycle are the delays of capacity providers and of the Auto
// Scaling groups behind them.
type ProviderLifecycle struct {
	Provision time.Duration // PROVISIONING -> ACTIVE after CreateCapacityProvider
	Update    time.Duration // UPDATE_IN_PROGRESS -> UPDATE_COMPLETE after UpdateCapacityProvider
	ScaleIn   time.Duration // an Auto Scaling group's instances deregister this long after its provider's deletion starts
}

// SetProviderLifecycle changes the capacity provider delays.
func (s *Server) SetProviderLifecycle(l ProviderLifecycle) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cpProvision, s.cpUpdate, s.scaleIn = l.Provision, l.Update, l.ScaleIn
}

// WorkloadLifecycle are the delays of services and tasks.
type WorkloadLifecycle struct {
	ServiceDrain         time.Duration // a deleted service is DRAINING this long, then INACTIVE
	StoppedTaskRetention time.Duration // stopped tasks stay listed and describable this long; 0 keeps the current value
}

// SetWorkloadLifecycle changes the service drain delay and the retention of
// stopped tasks.
func (s *Server) SetWorkloadLifecycle(l WorkloadLifecycle) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.serviceDrain = max(l.ServiceDrain, 0)
	if l.StoppedTaskRetention > 0 {
		s.taskRetention = l.StoppedTaskRetention
	}
}

// Generation returns a counter that changes whenever the stored state
// changes; a persister can compare it to decide whether to save.
func (s *Server) Generation() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.generation
}

// apiError is a modeled ECS error: its name goes to "__type", its text to
// "message" (spec §1.3).
type apiError struct {
	Status  int
	Type    string
	Message string
}

func (e *apiError) Error() string { return e.Type + ": " + e.Message }

func errorf(typ, format string, args ...any) *apiError {
	status := http.StatusBadRequest
	switch typ {
	case "ServerException":
		status = http.StatusInternalServerError
	case "AccessDeniedException", "UnrecognizedClientException", "InvalidSignatureException",
		"MissingAuthenticationTokenException", "IncompleteSignatureException":
		status = http.StatusForbidden
	}
	return &apiError{Status: status, Type: typ, Message: fmt.Sprintf(format, args...)}
}

func invalidParam(format string, args ...any) *apiError {
	return errorf("InvalidParameterException", format, args...)
}

func clientErr(format string, args ...any) *apiError {
	return errorf("ClientException", format, args...)
}

// call carries what a handler needs to know about the request.
type call struct {
	op      string
	account string
	region  string
	now     time.Time
}

type handlerFunc func(s *Server, c *call, body []byte) (any, *apiError)

// operations maps an operation name (the part of X-Amz-Target after the
// service prefix) to its handler.
var operations map[string]handlerFunc

func init() {
	operations = map[string]handlerFunc{
		"CreateCluster":               (*Server).createCluster,
		"DescribeClusters":            (*Server).describeClusters,
		"ListClusters":                (*Server).listClusters,
		"UpdateCluster":               (*Server).updateCluster,
		"UpdateClusterSettings":       (*Server).updateClusterSettings,
		"PutClusterCapacityProviders": (*Server).putClusterCapacityProviders,
		"DeleteCluster":               (*Server).deleteCluster,
		"TagResource":                 (*Server).tagResource,
		"UntagResource":               (*Server).untagResource,
		"ListTagsForResource":         (*Server).listTagsForResource,
		"CreateCapacityProvider":      (*Server).createCapacityProvider,
		"DescribeCapacityProviders":   (*Server).describeCapacityProviders,
		"DeleteCapacityProvider":      (*Server).deleteCapacityProvider,
		"UpdateCapacityProvider":      (*Server).updateCapacityProvider,
		"PutAccountSetting":           (*Server).putAccountSetting,
		"PutAccountSettingDefault":    (*Server).putAccountSettingDefault,
		"ListAccountSettings":         (*Server).listAccountSettings,
		"DeleteAccountSetting":        (*Server).deleteAccountSetting,
		"CreateService":               (*Server).createService,
		"DescribeServices":            (*Server).describeServices,
		"ListServices":                (*Server).listServices,
		"UpdateService":               (*Server).updateService,
		"DeleteService":               (*Server).deleteService,
		"RunTask":                     (*Server).runTask,
		"StopTask":                    (*Server).stopTask,
		"DescribeTasks":               (*Server).describeTasks,
		"ListTasks":                   (*Server).listTasks,
		"RegisterContainerInstance":   (*Server).registerContainerInstance,
		"DeregisterContainerInstance": (*Server).deregisterContainerInstance,
		"DescribeContainerInstances":  (*Server).describeContainerInstances,
		"ListContainerInstances":      (*Server).listContainerInstances,
	}
}

// Operations returns the names of the supported operations.
func Operations() []string {
	names := make([]string, 0, len(operations))
	for n := range operations {
		names = append(names, n)
	}
	return names
}

// ServeHTTP implements http.Handler: the admin API under /_sandbox/, STS's
// query protocol for STS requests (see awsauth.Authority.ServeSTS) and the
// ECS JSON protocol everywhere else.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, adminPrefix) {
		s.serveAdmin(w, r)
		return
	}
	reqID := newUUID()
	if s.auth.ServeSTS(w, r, reqID) {
		return
	}
	resp, apiErr, drop := s.handle(r)
	if drop {
		dropConnection(w)
		return
	}
	if apiErr != nil {
		writeError(w, reqID, apiErr)
		return
	}
	writeJSON(w, reqID, http.StatusOK, resp)
}

// handle runs one protocol request. drop reports that the connection must be
// closed without a response (fault injection), whether or not the change was
// applied.
func (s *Server) handle(r *http.Request) (resp any, apiErr *apiError, drop bool) {
	op, ok := strings.CutPrefix(r.Header.Get("X-Amz-Target"), targetPrefix)
	if !ok {
		op = r.Header.Get("X-Amz-Target")
	}
	s.faults.count(op)
	defer s.faults.runAfterCall(op)
	if r.Method != http.MethodPost {
		return nil, errorf("UnknownOperationException", "Only POST requests are supported."), false
	}
	h, known := operations[op]
	if !ok || !known {
		return nil, errorf("UnknownOperationException", "The operation %q is not supported by this service.", r.Header.Get("X-Amz-Target")), false
	}

	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, s.opts.MaxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, &apiError{Status: http.StatusRequestEntityTooLarge, Type: "RequestEntityTooLargeException",
				Message: fmt.Sprintf("Request body exceeds the limit of %d bytes.", s.opts.MaxBodyBytes)}, false
		}
		return nil, errorf("SerializationException", "Unable to read the request body."), false
	}

	caller, failure := s.auth.Authenticate(r, body, "ecs")
	if failure != nil {
		return nil, ecsAuthError(failure), false
	}
	c := &call{op: op, region: caller.Region, account: caller.Account}

	s.limits.delay(r.Context())
	if !s.limits.admit(c.account, c.region, op, s.opts.Now()) {
		s.faults.throttled(op)
		return nil, errorf("ThrottlingException", "Rate exceeded"), false
	}

	f, apiErr := s.faults.before(r.Context(), op, s.opts.Now)
	if apiErr != nil {
		return nil, apiErr, false
	}
	if f == dropBefore {
		return nil, nil, true
	}

	s.mu.Lock()
	c.now = s.opts.Now()
	resp, apiErr = h(s, c, body)
	if apiErr == nil && mutating(op) {
		s.generation++
	}
	s.mu.Unlock()

	if f == errorAfter {
		return nil, serverError(), false
	}
	return resp, apiErr, f == dropAfter
}

// mutating reports whether an operation may change state.
func mutating(op string) bool {
	return !strings.HasPrefix(op, "Describe") && !strings.HasPrefix(op, "List")
}

// decode unmarshals a request body. An empty body is treated as {}. Bad JSON
// or a member of the wrong type is a SerializationException (spec §1.3).
// Member names match case-sensitively and unknown members are ignored, as in
// the service: encoding/json alone would bind "ClusterName" to clusterName.
func decode(body []byte, v any) *apiError {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil
	}
	if body[0] != '{' {
		return errorf("SerializationException", "The request body must be a JSON object.")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var generic any
	if err := dec.Decode(&generic); err != nil {
		return errorf("SerializationException", "Malformed JSON request body.")
	}
	if _, err := dec.Token(); err != io.EOF {
		return errorf("SerializationException", "Unexpected data after the JSON request body.")
	}
	exact, err := json.Marshal(keepExactMembers(generic, reflect.TypeOf(v)))
	if err != nil {
		return errorf("SerializationException", "Malformed JSON request body.")
	}
	if err := json.Unmarshal(exact, v); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return errorf("SerializationException", "Unexpected value for member %q.", typeErr.Field)
		}
		return errorf("SerializationException", "Malformed JSON request body.")
	}
	return nil
}

// keepExactMembers drops the object members of a decoded JSON value whose
// names are not exactly a json tag of the corresponding struct type.
func keepExactMembers(v any, t reflect.Type) any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return v
		}
		out := make(map[string]any, len(m))
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			if val, ok := m[name]; ok {
				out[name] = keepExactMembers(val, f.Type)
			}
		}
		return out
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 { // json.RawMessage: kept verbatim
			return v
		}
		list, ok := v.([]any)
		if !ok {
			return v
		}
		out := make([]any, len(list))
		for i, e := range list {
			out[i] = keepExactMembers(e, t.Elem())
		}
		return out
	}
	return v
}

func writeJSON(w http.ResponseWriter, reqID string, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"__type":"ServerException","message":"Unable to encode the response."}`)
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("X-Amzn-Requestid", reqID)
	h.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func writeError(w http.ResponseWriter, reqID string, e *apiError) {
	w.Header().Set("X-Amzn-Errortype", e.Type)
	writeJSON(w, reqID, e.Status, struct {
		Type    string `json:"__type"`
		Message string `json:"message"`
	}{e.Type, e.Message})
}

// dropConnection closes the client connection without writing a response.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	// HTTP/2 or a recorder: abort the handler; net/http resets the stream.
	panic(http.ErrAbortHandler)
}
