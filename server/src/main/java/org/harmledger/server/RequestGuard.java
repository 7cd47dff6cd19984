package org.harmledger.server;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.harmledger.domain.Problem;

/**
 * Refuses the requests a web page elsewhere could make a recorder's own browser send to the
 * ledger. The server has no accounts (it is meant for one machine), so without this any site the
 * recorder visits could post a retraction to {@code http://127.0.0.1:8080} (a cross-site form
 * or a {@code text/plain} fetch needs no permission), or, by pointing a name it owns at
 * 127.0.0.1 after the page has loaded (DNS rebinding), read every record, confidential ones too.
 *
 * <p>Two rules, after OWASP's cross-site request forgery and DNS rebinding guidance:
 *
 * <ul>
 *   <li><b>Host.</b> While the server listens on a loopback address, a request must name it by a
 *       loopback name: {@code localhost} (or a name under it) or a loopback IP literal. Names are
 *       never looked up, because a look-up is what a rebinding attack answers. A proxy that
 *       forwards a public name is declared with {@code allowedHosts}. On any other address
 *       every name is accepted (the operator chose to serve a network).
 *   <li><b>Origin.</b> A request that can change the ledger (any method but GET, HEAD and
 *       OPTIONS) is refused when the browser says it came from another site ({@code
 *       Sec-Fetch-Site: cross-site} or {@code same-site}: another port on this machine is another
 *       program) or when its {@code Origin} is neither this server as the request named it nor
 *       an allowed host. Clients that send neither header (curl, scripts, the CLI) are not
 *       browsers a page can drive, and pass.
 * </ul>
 */
public final class RequestGuard {
  private final boolean loopbackOnly;
  private final Set<String> allowedHosts;

  RequestGuard(String listenHost, Set<String> allowedHosts) {
    this.loopbackOnly = isLoopback(listenHost);
    this.allowedHosts = new TreeSet<>();
    for (String h : allowedHosts) this.allowedHosts.add(hostName(h)); // "name:443" or "[::1]" given: the name
  }

  /** Whether a listening address is this machine's own (looked up: the operator typed it). */
  public static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** A request refused by the guard: 403, naming the header, its value and the rule. */
  static final class Refused extends RuntimeException {
    final Problem problem;

    Refused(String message, Problem problem) {
      super(message);
      this.problem = problem;
    }

    List<Problem> problems() {
      return List.of(problem);
    }
  }

  void check(Context ctx) {
    String host = ctx.header("Host");
    if (loopbackOnly && host != null) {
      String name = hostName(host);
      if (!isLoopbackName(name) && !allowedHosts.contains(name)) {
        throw new Refused("this server listens on this machine only and answers to localhost or 127.0.0.1, not to '" + name
            + "' (a guard against DNS rebinding); if a proxy forwards that name, start the server with --allowed-host " + name,
            Problem.of("Host", host, "a loopback name (localhost, 127.0.0.1, [::1]) or an --allowed-host"));
      }
    }
    if (isSafe(ctx.method().name())) return;
    String site = ctx.header("Sec-Fetch-Site");
    if (site != null && (site.equalsIgnoreCase("cross-site") || site.equalsIgnoreCase("same-site"))) {
      throw new Refused("a page on another site cannot change the ledger: " + ctx.method() + " " + ctx.path() + " was sent from " + site,
          Problem.of("Sec-Fetch-Site", site, "same-origin or none for a request that changes the ledger"));
    }
    String origin = ctx.header("Origin");
    if (origin != null && !sameOrigin(origin, host)) {
      throw new Refused("a page from " + origin + " cannot change the ledger served at " + host,
          Problem.of("Origin", origin, "this server's own origin (or an --allowed-host) for a request that changes the ledger"));
    }
  }

  static boolean isSafe(String method) {
    return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
  }

  private boolean sameOrigin(String origin, String host) {
    URI u;
    try {
      u = URI.create(origin.trim());
    } catch (IllegalArgumentException e) {
      return false; // "null" (a sandboxed or privacy-hidden origin) lands here too, as a relative URI without a host
    }
    if (u.getHost() == null || u.getScheme() == null) return false;
    String scheme = u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) return false;
    String authority = u.getRawAuthority().toLowerCase(Locale.ROOT);
    if (host != null && authority.equals(host.trim().toLowerCase(Locale.ROOT))) return true;
    return allowedHosts.contains(hostName(authority));
  }

  /** The name in a Host header or an origin's authority, without its port or an IPv6 literal's brackets. */
  static String hostName(String hostAndPort) {
    String h = hostAndPort.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(1, end);
    }
    int colon = h.lastIndexOf(':');
    return colon >= 0 && h.indexOf(':') == colon ? h.substring(0, colon) : h;
  }

  /** A loopback name without a look-up: localhost and names under it (RFC 6761), 127.0.0.0/8, ::1. */
  static boolean isLoopbackName(String name) {
    if (name.equals("localhost") || name.endsWith(".localhost")) return true;
    if (name.equals("::1") || name.equals("0:0:0:0:0:0:0:1")) return true;
    String[] parts = name.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals("127")) return false;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) return false;
    }
    return true;
  }
}
