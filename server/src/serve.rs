//! The accept loop. `axum::serve` sets no timer, so a client could hold a connection open
//! forever by sending nothing, or its headers a byte at a time; hyper's own builder can time
//! that out and cap the size of a request head, so connections are served with it directly.
//! HTTP/1.1 only: HTTP/2 and TLS belong to the proxy or load balancer in front (see
//! deploy/), and sniffing for HTTP/2 would wait on a silent client with no deadline.

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
    service::TowerToHyperService,
};
use std::{future::Future, time::Duration};
use tokio::net::TcpListener;

/// hyper's read buffer, and so the largest request head it will parse at all.
const MAX_HEAD_BUFFER: usize = 64 * 1024;
/// After the shutdown signal, in-flight requests get this long to finish.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(30);

/// Serves `app` on `listener` until `shutdown` resolves, then stops accepting and waits for
/// the connections already open to finish their requests. A client has `header_read_timeout`
/// to send a complete request head (`Config::header_read_timeout`).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    header_read_timeout: Duration,
    shutdown: impl Future<Output = ()>,
) {
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(header_read_timeout)
        .max_buf_size(MAX_HEAD_BUFFER);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    // Out of file descriptors, say: back off instead of spinning.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(app.clone());
        let connection = builder.serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // Errors here are clients hanging up or timing out: nothing to act on.
            let _ = connection.await;
        });
    }
    drop(listener);
    if tokio::time::timeout(DRAIN_TIMEOUT, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("some connections were still open after {DRAIN_TIMEOUT:?}");
    }
}
