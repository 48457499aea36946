package org.p4vpn.runtime;

import org.onosproject.event.DefaultEventSinkRegistry;
import org.onosproject.event.Event;
import org.onosproject.event.EventDeliveryService;
import org.onosproject.event.EventSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * ONOS's event delivery for one JVM: events are handed to their sinks one at a time, in the
 * order posted, on a dispatch thread, as ONOS's core dispatcher does.
 */
public final class EmbeddedEventDispatcher extends DefaultEventSinkRegistry
        implements EventDeliveryService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEventDispatcher.class);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "event-dispatch");
        t.setDaemon(true);
        return t;
    });
    private long timeLimit = 2000;

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void post(Event event) {
        executor.execute(() -> {
            EventSink sink = getSink(event.getClass());
            if (sink == null) {
                LOG.debug("No sink for {}", event.getClass().getSimpleName());
                return;
            }
            try {
                sink.process(event);
            } catch (RuntimeException e) {
                LOG.warn("Listener failed on {}: {}", event, e.getMessage(), e);
            }
        });
    }

    /**
     * Waits until every event posted so far has been delivered.
     *
     * @param timeoutMillis how long to wait at most
     * @return true if delivered in time
     */
    public boolean awaitIdle(long timeoutMillis) {
        try {
            executor.submit(() -> { }).get(timeoutMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void setDispatchTimeLimit(long millis) {
        timeLimit = millis;
    }

    @Override
    public long getDispatchTimeLimit() {
        return timeLimit;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
