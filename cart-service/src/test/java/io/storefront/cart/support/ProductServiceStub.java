package io.storefront.cart.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.ObjectMapper;

/**
 * Stands in for product-service over real HTTP: serves {@code GET /products/{id}} with
 * the product representation of the contract and the product's version as its
 * {@code ETag} for the products a test registers (404 for the others), and can be made to
 * fail: answer every request with a given status, answer slowly, or stop listening
 * altogether (and start again on the same port). Counts the requests it receives and the
 * connections they came over, and remembers the {@code Authorization} and
 * {@code traceparent} headers they carried.
 */
public final class ProductServiceStub {

	private static ProductServiceStub shared;

	private static final ObjectMapper json = new ObjectMapper();

	private final Map<Long, Answer> products = new ConcurrentHashMap<>();

	/**
	 * The greatest version each product id was served with, so that a product registered
	 * again without a version is served as a newer one. Kept across {@link #reset()}, as
	 * product-service never reuses a product's versions.
	 */
	private final Map<Long, Long> versions = new ConcurrentHashMap<>();

	private final AtomicInteger requests = new AtomicInteger();

	private final List<String> authorizationHeaders = new CopyOnWriteArrayList<>();

	private final List<String> traceparentHeaders = new CopyOnWriteArrayList<>();

	/** Every client address and port a request ever came from: one per connection. */
	private final Set<InetSocketAddress> clientAddresses = ConcurrentHashMap.newKeySet();

	private final AtomicInteger newConnections = new AtomicInteger();

	private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();

	private volatile int forcedStatus;

	private volatile Duration delay = Duration.ZERO;

	private volatile Duration bodyStall = Duration.ZERO;

	private volatile Duration bodyTrickle = Duration.ZERO;

	private int port;

	private HttpServer server;

	private ProductServiceStub() {
	}

	/** One stub per test JVM, like the application context the tests share. */
	public static synchronized ProductServiceStub shared() {
		if (shared == null) {
			shared = new ProductServiceStub();
			shared.start();
		}
		return shared;
	}

	public synchronized String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/** Listens again (on the same port after a {@link #stop()}). */
	public synchronized void start() {
		if (this.server != null) {
			return;
		}
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", this.port), 50);
			server.createContext("/products/", this::handle);
			server.setExecutor(this.handlers);
			server.start();
			this.server = server;
			this.port = server.getAddress().getPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the product-service stub could not listen on port " + this.port, ex);
		}
	}

	/** Stops listening: connections are refused until {@link #start()}. */
	public synchronized void stop() {
		if (this.server != null) {
			this.server.stop(0);
			this.server = null;
		}
	}

	/**
	 * Back to a healthy, listening product service with no products and no counted
	 * requests.
	 */
	public synchronized void reset() {
		start();
		this.products.clear();
		this.forcedStatus = 0;
		this.delay = Duration.ZERO;
		this.bodyStall = Duration.ZERO;
		this.bodyTrickle = Duration.ZERO;
		this.requests.set(0);
		this.authorizationHeaders.clear();
		this.traceparentHeaders.clear();
		this.newConnections.set(0);
	}

	/**
	 * Serves the product as a new version of it, as each change in product-service makes
	 * one.
	 */
	public void product(long id, String name, String price, String currency, long stock) {
		product(id, this.versions.merge(id, 1L, Long::sum), name, price, currency, stock);
	}

	/**
	 * Serves the product with exactly this version, even one older than served before (to
	 * stand for an answer given before a later change).
	 */
	public void product(long id, long version, String name, String price, String currency, long stock) {
		this.versions.merge(id, version, Math::max);
		this.products.put(id, new Answer(productBody(id, name, price, currency, stock), "\"" + version + "\""));
	}

	/**
	 * Serves the product with this {@code ETag} header, or none when {@code null} (to
	 * test how the cart treats an answer without a usable version).
	 */
	public void productTagged(long id, String entityTag, String name, String price, String currency, long stock) {
		this.products.put(id, new Answer(productBody(id, name, price, currency, stock), entityTag));
	}

	private static String productBody(long id, String name, String price, String currency, long stock) {
		return json.writeValueAsString(Map.of("id", id, "sku", "SKU-" + id, "name", name, "description",
				"a product for tests", "price", new BigDecimal(price), "currency", currency, "stock", stock, "category",
				"tests", "created_at", "2025-01-01T00:00:00Z", "updated_at", "2025-01-01T00:00:00Z"));
	}

	/**
	 * Serves exactly this body for the product, with a valid {@code ETag} (to test how
	 * the cart treats a malformed body).
	 */
	public void rawProduct(long id, String body) {
		this.products.put(id, new Answer(body, "\"" + this.versions.merge(id, 1L, Long::sum) + "\""));
	}

	/** Every request is answered with this status (0: behave normally). */
	public void failWith(int status) {
		this.forcedStatus = status;
	}

	/** Every request waits this long before it is answered. */
	public void delay(Duration delay) {
		this.delay = delay;
	}

	/**
	 * Every answer sends its headers and half its body at once, then waits this long
	 * before the rest.
	 */
	public void stallBody(Duration stall) {
		this.bodyStall = stall;
	}

	/**
	 * Every answer sends its headers at once, then its body one byte at a time, this long
	 * apart: no single read waits long, the whole body takes minutes.
	 */
	public void trickleBody(Duration gap) {
		this.bodyTrickle = gap;
	}

	public void healthy() {
		this.forcedStatus = 0;
		this.delay = Duration.ZERO;
		this.bodyStall = Duration.ZERO;
		this.bodyTrickle = Duration.ZERO;
	}

	public int requests() {
		return this.requests.get();
	}

	/**
	 * How many TCP connections were first used since the last reset (a client address and
	 * port never seen before). Not how many were used: the cart's client takes the
	 * connections an earlier test's concurrent calls left in its pool in turn.
	 */
	public int newConnections() {
		return this.newConnections.get();
	}

	public List<String> authorizationHeaders() {
		return List.copyOf(this.authorizationHeaders);
	}

	/** The W3C {@code traceparent} headers of the requests since the last reset. */
	public List<String> traceparentHeaders() {
		return List.copyOf(this.traceparentHeaders);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			this.requests.incrementAndGet();
			if (this.clientAddresses.add(exchange.getRemoteAddress())) {
				this.newConnections.incrementAndGet();
			}
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			if (authorization != null) {
				this.authorizationHeaders.add(authorization);
			}
			String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
			if (traceparent != null) {
				this.traceparentHeaders.add(traceparent);
			}
			if (!this.delay.isZero()) {
				try {
					Thread.sleep(this.delay);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			if (this.forcedStatus != 0) {
				respond(exchange, this.forcedStatus, "{\"type\":\"about:blank\",\"title\":\"Error\",\"status\":"
						+ this.forcedStatus + ",\"detail\":\"forced by the test\"}");
				return;
			}
			Answer answer = product(exchange.getRequestURI().getPath());
			if (answer == null) {
				respond(exchange, 404, "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
						+ "\"detail\":\"no such product\"}");
				return;
			}
			if (answer.entityTag() != null) {
				exchange.getResponseHeaders().set("ETag", answer.entityTag());
			}
			if (!this.bodyStall.isZero()) {
				respondStalling(exchange, answer.body());
				return;
			}
			if (!this.bodyTrickle.isZero()) {
				respondTrickling(exchange, answer.body());
				return;
			}
			respond(exchange, 200, answer.body());
		}
	}

	private void respondStalling(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes, 0, bytes.length / 2);
			out.flush();
			Thread.sleep(this.bodyStall);
			out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void respondTrickling(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			for (byte b : bytes) {
				out.write(b);
				out.flush();
				Thread.sleep(this.bodyTrickle);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Answer product(String path) {
		try {
			return this.products.get(Long.parseLong(path.substring("/products/".length())));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders()
			.set("Content-Type", (status == 200) ? "application/json" : "application/problem+json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/** A product's answer: its body and its {@code ETag} header, if any. */
	private record Answer(String body, String entityTag) {
	}

}
