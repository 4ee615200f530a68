//! A minimal HTTP/1.1 probe for `rolecompare healthcheck`: enough to ask a
//! local server for its health endpoint without an HTTP client dependency.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

/// GETs `url` (`http://host[:port]/path`) and succeeds on a 200 within
/// `timeout`.
pub fn probe(url: &str, timeout: Duration) -> Result<(), String> {
    let deadline = Instant::now() + timeout;
    let (authority, path, addr) = target(url)?;
    let mut stream = TcpStream::connect_timeout(&addr, left(deadline)?)
        .map_err(|e| format!("cannot connect: {e}"))?;
    stream
        .set_write_timeout(Some(left(deadline)?))
        .map_err(|e| e.to_string())?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {authority}\r\nUser-Agent: rolecompare-healthcheck\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| format!("cannot send the request: {e}"))?;
    match status(&mut stream, deadline)?.as_deref() {
        Some("200") => Ok(()),
        Some(status) => Err(format!("answered {status}")),
        None => Err("no HTTP answer".to_owned()),
    }
}

/// The time left until `deadline`, or why there is none.
fn left(deadline: Instant) -> Result<Duration, String> {
    deadline
        .checked_duration_since(Instant::now())
        .filter(|d| !d.is_zero())
        .ok_or_else(|| "timed out".to_owned())
}

/// The authority, path and socket address of `url`.
fn target(url: &str) -> Result<(&str, &str, SocketAddr), String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or("only http:// URLs can be probed")?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if authority.is_empty() {
        return Err("the URL has no host".to_owned());
    }
    let with_port = if authority
        .rsplit_once(':')
        .is_some_and(|(_, p)| p.parse::<u16>().is_ok())
    {
        authority.to_owned()
    } else {
        format!("{authority}:80")
    };
    let addr = with_port
        .to_socket_addrs()
        .map_err(|e| format!("cannot resolve {authority}: {e}"))?
        .next()
        .ok_or_else(|| format!("cannot resolve {authority}"))?;
    Ok((authority, path, addr))
}

/// The status code of the answer on `stream`, read by `deadline`.
fn status(stream: &mut TcpStream, deadline: Instant) -> Result<Option<String>, String> {
    let mut head = Vec::new();
    let mut buffer = [0u8; 256];
    while !head.contains(&b'\n') {
        stream
            .set_read_timeout(Some(left(deadline)?))
            .map_err(|e| e.to_string())?;
        let read = stream
            .read(&mut buffer)
            .map_err(|e| format!("no answer: {e}"))?;
        if read == 0 {
            break;
        }
        head.extend_from_slice(&buffer[..read]);
    }
    let status_line = String::from_utf8_lossy(&head);
    let status_line = status_line.lines().next().unwrap_or_default();
    Ok(status_line.split_whitespace().nth(1).map(str::to_owned))
}
