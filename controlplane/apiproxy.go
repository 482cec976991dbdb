package main

// The api-proxy subcommand: an authenticating reverse proxy in front of kube-apiserver that applies API-server
// weather (429 with Retry-After, 503, dropped watches, connection resets, slow answers) to the requests of one
// client, the suite. The suite's fault files ask for it with the apiServer mechanism (faults/README.md).
//
//	controlplane api-proxy --listen 127.0.0.1:PORT --upstream https://127.0.0.1:PORT --ca-file ca.crt \
//	    --tls-cert-file apiserver.crt --tls-private-key-file apiserver.key \
//	    --proxy-client-cert-file front-proxy-client.crt --proxy-client-key-file front-proxy-client.key \
//	    --counters-file counters.json [weather flags]
//
// Authentication is kube-apiserver's "authenticating proxy" (kubernetes.io/docs/reference/access-authn-authz/
// authentication/#authenticating-proxy): the proxy verifies the client's certificate against the cluster CA and
// forwards the request with its own front-proxy client certificate, naming the user in X-Remote-User and the
// groups in X-Remote-Group. A request without a client certificate (a service-account bearer token) is forwarded
// with its Authorization header as it is. Headers of that name coming from the client are removed first, so a
// client cannot claim another identity through the proxy.

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// weather is what the proxy does to requests, from the fault file's apiServer entries.
type weather struct {
	throttleFraction      float64
	throttleRetryAfter    int
	unavailableFraction   float64
	unavailableRetryAfter int
	dropWatchesAfter      time.Duration
	resetFraction         float64
	delay                 time.Duration
	delayFraction         float64
}

// counters are what the weather did; the suite's tests read them from --counters-file.
type counters struct {
	Requests       int64 `json:"requests"`
	Throttled      int64 `json:"throttled"`
	Unavailable    int64 `json:"unavailable"`
	Resets         int64 `json:"resets"`
	Delayed        int64 `json:"delayed"`
	Watches        int64 `json:"watches"`
	WatchesDropped int64 `json:"watchesDropped"`
}

type apiProxy struct {
	weather  weather
	upstream *httputil.ReverseProxy
	file     string

	mu     sync.Mutex
	phase  float64        // in [0, 1), from the seed
	seen   map[string]int // requests seen per kind of weather
	counts counters
}

func runAPIProxy(args []string) int {
	fs := flag.NewFlagSet("api-proxy", flag.ContinueOnError)
	listen := fs.String("listen", "", "host:port to serve on")
	upstream := fs.String("upstream", "", "the kube-apiserver URL, https://host:port")
	caFile := fs.String("ca-file", "", "cluster CA: verifies client certificates and the upstream's serving certificate")
	certFile := fs.String("tls-cert-file", "", "serving certificate")
	keyFile := fs.String("tls-private-key-file", "", "serving key")
	proxyCert := fs.String("proxy-client-cert-file", "", "front-proxy client certificate (--requestheader-client-ca-file)")
	proxyKey := fs.String("proxy-client-key-file", "", "front-proxy client key")
	countersFile := fs.String("counters-file", "", "where the counts of applied weather are written (JSON)")
	seed := fs.Uint64("seed", 1, "seed of the choice of requests")
	var w weather
	fs.Float64Var(&w.throttleFraction, "throttle-fraction", 0, "fraction of requests answered 429")
	fs.IntVar(&w.throttleRetryAfter, "throttle-retry-after-seconds", 1, "Retry-After of a 429")
	fs.Float64Var(&w.unavailableFraction, "unavailable-fraction", 0, "fraction of requests answered 503")
	fs.IntVar(&w.unavailableRetryAfter, "unavailable-retry-after-seconds", 1, "Retry-After of a 503 (0: none)")
	fs.DurationVar(&w.dropWatchesAfter, "drop-watches-after", 0, "end every watch after this long (0: never)")
	fs.Float64Var(&w.resetFraction, "reset-fraction", 0, "fraction of connections reset before the request is forwarded")
	fs.DurationVar(&w.delay, "delay", 0, "how long a delayed request waits before it is forwarded")
	fs.Float64Var(&w.delayFraction, "delay-fraction", 0, "fraction of requests delayed")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	for name, value := range map[string]string{"listen": *listen, "upstream": *upstream, "ca-file": *caFile,
		"tls-cert-file": *certFile, "tls-private-key-file": *keyFile, "proxy-client-cert-file": *proxyCert,
		"proxy-client-key-file": *proxyKey, "counters-file": *countersFile} {
		if value == "" {
			fmt.Fprintf(os.Stderr, "api-proxy: --%s is required\n", name)
			return 2
		}
	}
	caPEM, err := os.ReadFile(*caFile)
	if err != nil {
		log.Printf("api-proxy: %v", err)
		return 1
	}
	ca := x509.NewCertPool()
	if !ca.AppendCertsFromPEM(caPEM) {
		log.Printf("api-proxy: no certificate in %s", *caFile)
		return 1
	}
	serving, err := tls.LoadX509KeyPair(*certFile, *keyFile)
	if err != nil {
		log.Printf("api-proxy: serving certificate: %v", err)
		return 1
	}
	client, err := tls.LoadX509KeyPair(*proxyCert, *proxyKey)
	if err != nil {
		log.Printf("api-proxy: front-proxy client certificate: %v", err)
		return 1
	}
	target, err := url.Parse(*upstream)
	if err != nil {
		log.Printf("api-proxy: --upstream: %v", err)
		return 1
	}
	p := &apiProxy{weather: w, file: *countersFile, phase: rand.New(rand.NewPCG(*seed, *seed)).Float64(),
		seen: map[string]int{}}
	p.upstream = &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(target)
			r.Out.Host = target.Host
			identify(r.In, r.Out)
		},
		Transport: &http.Transport{
			Proxy:               nil,
			TLSClientConfig:     &tls.Config{RootCAs: ca, Certificates: []tls.Certificate{client}},
			ForceAttemptHTTP2:   false, // HTTP/1.1 upstream: upgrades (exec, attach, port-forward) need it
			MaxIdleConnsPerHost: 16,
		},
		ModifyResponse: p.limitWatch,
		ErrorLog:       log.Default(),
	}
	p.count(func(*counters) {}) // the file exists from the start, with zeros
	server := &http.Server{
		Addr:    *listen,
		Handler: p,
		TLSConfig: &tls.Config{
			Certificates: []tls.Certificate{serving},
			ClientCAs:    ca,
			ClientAuth:   tls.VerifyClientCertIfGiven,
		},
		// HTTP/1.1 only: a reset needs the connection itself (Hijack), which HTTP/2 does not hand out.
		TLSNextProto: map[string]func(*http.Server, *tls.Conn, http.Handler){},
		ErrorLog:     log.Default(),
	}
	log.Printf("api-proxy: serving %s in front of %s with weather %+v", *listen, *upstream, w)
	if err := server.ListenAndServeTLS("", ""); err != nil {
		log.Printf("api-proxy: %v", err)
		return 1
	}
	return 0
}

// identify replaces whatever identity headers the client sent by the identity its certificate proves
// (requestheader authentication: --requestheader-username-headers=X-Remote-User,
// --requestheader-group-headers=X-Remote-Group; k8s.io/apiserver pkg/authentication/request/headerrequest).
func identify(in *http.Request, out *http.Request) {
	for name := range out.Header {
		if strings.HasPrefix(strings.ToLower(name), "x-remote-") {
			out.Header.Del(name)
		}
	}
	if in.TLS == nil || len(in.TLS.VerifiedChains) == 0 {
		return // a bearer token (or nothing) travels on as it came
	}
	cert := in.TLS.VerifiedChains[0][0]
	out.Header.Set("X-Remote-User", cert.Subject.CommonName)
	for _, group := range cert.Subject.Organization {
		out.Header.Add("X-Remote-Group", group)
	}
}

func (p *apiProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.count(func(c *counters) { c.Requests++ })
	switch {
	case p.hits("reset", p.weather.resetFraction):
		p.reset(w, r)
		return
	case p.hits("throttle", p.weather.throttleFraction):
		p.throttle(w, r)
		return
	case p.hits("unavailable", p.weather.unavailableFraction):
		p.unavailable(w, r)
		return
	}
	if p.hits("delay", p.weather.delayFraction) {
		p.count(func(c *counters) { c.Delayed++ })
		select {
		case <-time.After(p.weather.delay):
		case <-r.Context().Done():
			return
		}
	}
	p.upstream.ServeHTTP(w, r)
}

// throttle answers as API Priority and Fairness does when a request's priority level has no seat and its queue is
// full: 429, Retry-After in seconds, and a plain-text body (k8s.io/apiserver pkg/server/filters/
// priority-and-fairness.go, tooManyRequests). client-go waits Retry-After and retries, up to 10 times
// (k8s.io/client-go rest/with_retry.go checkWait; rest/request.go maxRetries: 10).
func (p *apiProxy) throttle(w http.ResponseWriter, r *http.Request) {
	p.count(func(c *counters) { c.Throttled++ })
	log.Printf("api-proxy: 429 %s %s", r.Method, r.URL.Path)
	w.Header().Set("Retry-After", strconv.Itoa(p.weather.throttleRetryAfter))
	http.Error(w, "Too many requests, please try again later.", http.StatusTooManyRequests)
}

// unavailable answers as an API server that is not ready yet (a restart behind a load balancer, an aggregated API
// whose backend is down): 503 with a Status of reason ServiceUnavailable (k8s.io/apimachinery pkg/api/errors
// NewServiceUnavailable). With Retry-After, client-go retries it like a 429 (with_retry.go checkWait: 429 or 5xx
// with Retry-After); without, it does not.
func (p *apiProxy) unavailable(w http.ResponseWriter, r *http.Request) {
	p.count(func(c *counters) { c.Unavailable++ })
	log.Printf("api-proxy: 503 %s %s", r.Method, r.URL.Path)
	if p.weather.unavailableRetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(p.weather.unavailableRetryAfter))
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusServiceUnavailable)
	status := map[string]any{"kind": "Status", "apiVersion": "v1", "metadata": map[string]any{}, "status": "Failure",
		"message": "the server is currently unable to handle the request", "reason": "ServiceUnavailable", "code": 503}
	_ = json.NewEncoder(w).Encode(status)
}

// reset closes the client's TCP connection with a RST (SO_LINGER 0) before anything is forwarded, as a load balancer
// or a restarting API server drops its connections: the request never reached the API server, so a retry of any
// method is safe (fabric8's StandardHttpClient.shouldRetry retries every IOException).
func (p *apiProxy) reset(w http.ResponseWriter, r *http.Request) {
	hijacker, ok := w.(http.Hijacker)
	if !ok {
		p.upstream.ServeHTTP(w, r)
		return
	}
	conn, _, err := hijacker.Hijack()
	if err != nil {
		p.upstream.ServeHTTP(w, r)
		return
	}
	p.count(func(c *counters) { c.Resets++ })
	log.Printf("api-proxy: reset %s %s", r.Method, r.URL.Path)
	raw := conn
	if t, isTLS := conn.(*tls.Conn); isTLS {
		raw = t.NetConn()
	}
	if tcp, isTCP := raw.(*net.TCPConn); isTCP {
		_ = tcp.SetLinger(0)
	}
	_ = raw.Close()
}

// limitWatch ends a watch's response after --drop-watches-after, cleanly (the last chunk is sent), as kube-apiserver
// ends every watch after --min-request-timeout times a random factor in [1, 2) (k8s.io/apiserver
// pkg/endpoints/handlers/get.go, ListResource). Clients must then watch again from their last resourceVersion.
func (p *apiProxy) limitWatch(resp *http.Response) error {
	query := resp.Request.URL.Query()
	if query.Get("watch") != "true" && query.Get("watch") != "1" {
		return nil
	}
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusSwitchingProtocols {
		return nil
	}
	p.count(func(c *counters) { c.Watches++ })
	if p.weather.dropWatchesAfter <= 0 {
		return nil
	}
	path := resp.Request.URL.Path
	ended := func() {
		p.count(func(c *counters) { c.WatchesDropped++ })
		log.Printf("api-proxy: ended the watch %s", path)
	}
	if resp.StatusCode == http.StatusSwitchingProtocols {
		// A WebSocket watch (fabric8's default, kube-apiserver serves both forms): ReverseProxy copies between the
		// two connections until one closes, so closing the upstream one ends the client's too.
		if conn, ok := resp.Body.(io.ReadWriteCloser); ok {
			resp.Body = newEndingConn(conn, p.weather.dropWatchesAfter, ended)
		}
		return nil
	}
	resp.Body = newEndingBody(resp.Body, p.weather.dropWatchesAfter, ended)
	return nil
}

// endingConn closes an upgraded upstream connection when its time is up, unless it closed before.
type endingConn struct {
	io.ReadWriteCloser
	once  sync.Once
	timer *time.Timer
}

func newEndingConn(upstream io.ReadWriteCloser, after time.Duration, onEnd func()) *endingConn {
	c := &endingConn{ReadWriteCloser: upstream}
	c.timer = time.AfterFunc(after, func() {
		c.once.Do(func() {
			onEnd()
			_ = upstream.Close()
		})
	})
	return c
}

func (c *endingConn) Close() error {
	c.timer.Stop()
	c.once.Do(func() {})
	return c.ReadWriteCloser.Close()
}

// endingBody reads the upstream body until its time is up, then reports a clean end of stream.
type endingBody struct {
	upstream io.ReadCloser
	ended    chan struct{}
	once     sync.Once
	timer    *time.Timer
}

func newEndingBody(upstream io.ReadCloser, after time.Duration, onEnd func()) *endingBody {
	b := &endingBody{upstream: upstream, ended: make(chan struct{})}
	b.timer = time.AfterFunc(after, func() {
		b.once.Do(func() {
			close(b.ended)
			onEnd()
			_ = upstream.Close() // unblocks a Read waiting for the next event
		})
	})
	return b
}

func (b *endingBody) Read(buf []byte) (int, error) {
	n, err := b.upstream.Read(buf)
	select {
	case <-b.ended:
		return n, io.EOF
	default:
		return n, err
	}
}

func (b *endingBody) Close() error {
	b.timer.Stop()
	b.once.Do(func() {})
	return b.upstream.Close()
}

// hits says whether the n-th request (n counted per kind of weather) is one of the fraction hit: spread evenly,
// floor((n+1)*fraction + phase) > floor(n*fraction + phase), so that any N requests contain N*fraction of them,
// give or take one, and a short run meets the weather for certain. The seed chooses the phase.
func (p *apiProxy) hits(kind string, fraction float64) bool {
	if fraction <= 0 {
		return false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	n := float64(p.seen[kind])
	p.seen[kind]++
	return math.Floor((n+1)*fraction+p.phase) > math.Floor(n*fraction+p.phase)
}

func (p *apiProxy) count(change func(*counters)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	change(&p.counts)
	p.writeCounters()
}

// writeCounters replaces the counters file atomically, so that a reader never sees half of it. Called with mu held,
// so that an older count never overwrites a newer one.
func (p *apiProxy) writeCounters() {
	data, _ := json.Marshal(p.counts)
	temp, err := os.CreateTemp(filepath.Dir(p.file), ".counters-*")
	if err != nil {
		log.Printf("api-proxy: counters: %v", err)
		return
	}
	writer := bufio.NewWriter(temp)
	_, _ = writer.Write(data)
	_ = writer.Flush()
	_ = temp.Close()
	if err := os.Rename(temp.Name(), p.file); err != nil {
		log.Printf("api-proxy: counters: %v", err)
	}
}
