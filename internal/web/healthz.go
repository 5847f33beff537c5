package web

import (
	"log/slog"
	"net/http"
)

// healthz answers "ok" while the database answers, and 503 otherwise, for
// the load balancer or monitor in front of the server; it is never cached.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.db.Ping(r.Context()); err != nil {
		s.log.Error("health check", slog.Any("err", err))
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("ok\n"))
}
