package io.github.pools.sample;

import io.github.pools.PoolStats;
import io.github.pools.autoconfigure.event.ClusterMemberLeftEvent;
import io.github.pools.autoconfigure.event.PoolEvent;
import io.github.pools.autoconfigure.event.PoolRejectionBurstEvent;
import io.github.pools.autoconfigure.event.PoolResizedEvent;
import io.github.pools.autoconfigure.event.PoolSaturatedEvent;
import io.github.pools.autoconfigure.event.WorkerCrashLoopEvent;
import io.github.pools.cluster.ClusterPoolManager;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs the pool events the starter publishes: saturation, rejection bursts and crash
 * loops (what an application would page someone about) at WARN, at most once per window
 * per pool however hard the pools are hit, cluster members that leave at WARN, and
 * resizes at INFO.
 */
@Component
class PoolEventLogger {

	private static final Log logger = LogFactory.getLog(PoolEventLogger.class);

	@EventListener
	void saturated(PoolSaturatedEvent event) {
		PoolStats stats = event.getStats();
		log(event, "is saturated: " + stats.busyWorkers() + " of " + stats.maxSize() + " workers busy, "
				+ stats.queued() + " of " + stats.queueCapacity() + " queued");
	}

	@EventListener
	void rejectionBurst(PoolRejectionBurstEvent event) {
		log(event, "refused " + event.getRejections() + " tasks within " + event.getWindow().toSeconds()
				+ "s; refused so far by reason: " + event.getStats().rejected());
	}

	@EventListener
	void crashLoop(WorkerCrashLoopEvent event) {
		log(event, "has worker JVMs in a crash loop: " + event.getCrashes() + " crashes within "
				+ event.getWindow().toSeconds() + "s, last pid " + event.getLastPid());
	}

	@EventListener
	void memberLeft(ClusterMemberLeftEvent event) {
		log(event, "lost cluster member " + event.getMember() + "; " + event.getMembers() + " member(s) remain"
				+ (((ClusterPoolManager) event.getPool()).isDurable() ? ", and its tasks run again on them" : ""));
	}

	@EventListener
	void resized(PoolResizedEvent event) {
		logger.info("Pool '" + event.getPoolName() + "' was resized: core " + event.getPrevious().coreSize() + " -> "
				+ event.getStats().coreSize() + ", max " + event.getPrevious().maxSize() + " -> "
				+ event.getStats().maxSize());
	}

	private static void log(PoolEvent event, String message) {
		logger.warn("Pool '" + event.getPoolName() + "' " + message);
	}

}
