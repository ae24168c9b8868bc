package io.storefront.web;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that declares a body as large as the limit and sends one byte gets no more
 * memory than that byte: the service allocates with the bytes that arrive, within the
 * budget of bodies in memory, not with the {@code Content-Length} it is told. Before, a
 * few hundred such connections filled the heap of a service with the default 1 MB limit
 * and it died of an {@link OutOfMemoryError}.
 */
@SpringBootTest(classes = SampleWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storefront.service.name=auth-service", "AUTH_JWKS_URL=http://127.0.0.1:9/jwks.json",
				"storefront.web.max-request-body=64MB", "storefront.web.max-buffered-bodies=64MB",
				"storefront.web.request-body-timeout=30s" })
class DeclaredBodyLengthTests {

	private static final DataSize DECLARED = DataSize.ofMegabytes(64);

	private static final int CONNECTIONS = 4;

	@LocalServerPort
	int port;

	@Test
	void aDeclaredLengthWhoseBytesNeverComeTakesNoMemory() throws Exception {
		ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		long before = threads.getTotalThreadAllocatedBytes();
		long reserved = CONNECTIONS * DECLARED.toBytes();
		List<Socket> stalled = new ArrayList<>();
		try {
			for (int i = 0; i < CONNECTIONS; i++) {
				Socket socket = new Socket("127.0.0.1", this.port);
				stalled.add(socket);
				OutputStream out = socket.getOutputStream();
				out.write(("POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
						+ "Content-Length: " + DECLARED.toBytes() + "\r\n\r\n{")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
			}
			// Allocated as each request arrives, if at all: a service that reserves what
			// is declared gets there at once; one that does not, never.
			long deadline = System.nanoTime() + 2_000_000_000L;
			while (threads.getTotalThreadAllocatedBytes() - before < reserved && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}

			assertThat(threads.getTotalThreadAllocatedBytes() - before)
				.as("bytes allocated (by every thread of the test's JVM) while %d requests each declared %s",
						CONNECTIONS, DECLARED)
				.isLessThan(DECLARED.toBytes());
		}
		finally {
			for (Socket socket : stalled) {
				socket.close();
			}
		}
	}

}
