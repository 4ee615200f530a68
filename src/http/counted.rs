//! The site's service for one connection, as hyper calls it: it counts the
//! request in flight until its answer's body is handed over whole, marks
//! what the router must refuse (an HTTP/1.1 request without `Host`), hands
//! handlers the connection, and logs the answer.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::{Body, HttpBody};
use axum::http::{Request, Response, Version, header};
use hyper::body::{Frame, Incoming, SizeHint};

use super::access_log::{AccessLog, Entry};
use super::connections::{Connection, Tracked};
use super::middleware::OverCap;
use super::respond::FromFile;
use super::socket::Traffic;
use super::{Answer, App, MissingHost};

/// The site's service for one connection.
pub struct Counted {
    pub service: App,
    /// The connection, when it is one of those the cap counts; `None` for
    /// one beyond the cap, which renders nothing.
    pub tracked: Option<Arc<Tracked>>,
    pub peer: std::net::SocketAddr,
    pub access_log: AccessLog,
    /// What the connection's socket sees, and the files it may send
    /// answers' bodies from.
    pub traffic: Arc<Traffic>,
}

impl hyper::service::Service<Request<Incoming>> for Counted {
    type Response = Response<Answered>;
    type Error = Infallible;
    type Future = Counting;

    fn call(&self, mut request: Request<Incoming>) -> Counting {
        if request.version() == Version::HTTP_11 && !request.headers().contains_key(header::HOST) {
            request.extensions_mut().insert(MissingHost);
        }
        let logged = Entry::start(self.access_log, self.peer, &request);
        let in_flight = self.tracked.as_ref().map(|tracked| {
            tracked.request_began();
            InFlight(tracked.clone())
        });
        // A stored page is answered at once; only a routed request needs to
        // know its connection (a render may make it wait).
        let answer = self
            .service
            .answer_or_route(request, |extensions| match &self.tracked {
                Some(tracked) => {
                    extensions.insert(Connection(tracked.clone()));
                }
                None => {
                    extensions.insert(OverCap);
                }
            });
        Counting {
            answer,
            in_flight,
            logged,
            traffic: self.traffic.clone(),
        }
    }
}

/// One request in flight; when dropped (its answer handed over, or
/// abandoned), its connection is idle from now.
struct InFlight(Arc<Tracked>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.request_ended();
    }
}

/// An answer that is logged when ready, and whose body keeps its request
/// in flight.
pub struct Counting {
    answer: Answer,
    in_flight: Option<InFlight>,
    logged: Option<Entry>,
    traffic: Arc<Traffic>,
}

impl Future for Counting {
    type Output = Result<Response<Answered>, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let Poll::Ready(Ok(mut response)) = Pin::new(&mut this.answer).poll(cx) else {
            return Poll::Pending;
        };
        let bytes = HttpBody::size_hint(response.body()).exact();
        if let Some(FromFile(file)) = response.extensions_mut().remove::<FromFile>()
            && bytes.is_some_and(|bytes| bytes > 0)
        {
            this.traffic.send_from(file);
        }
        if let Some(entry) = this.logged.take() {
            entry.finish(response.status().as_u16(), bytes);
        }
        let in_flight = this.in_flight.take();
        Poll::Ready(Ok(response.map(|body| Answered {
            body,
            _in_flight: in_flight,
        })))
    }
}

/// An answer's body, which keeps its request in flight until hyper has
/// taken all of it.
pub struct Answered {
    body: Body,
    _in_flight: Option<InFlight>,
}

impl hyper::body::Body for Answered {
    type Data = bytes::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}
