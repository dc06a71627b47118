package io.github.pools.sample;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import io.github.pools.SerializableCallable;

/**
 * Renders the Mandelbrot set to a PNG: real CPU work, run in a worker JVM of the
 * {@code render} process pool. The task and its result are plain serializable classes
 * of the application, allowed across the channel because they are in its package.
 *
 * @param width image width in pixels
 * @param height image height in pixels
 * @param iterations most iterations per pixel
 */
record Mandelbrot(int width, int height, int iterations) implements SerializableCallable<Mandelbrot.Image> {

	@Override
	public Image call() {
		long start = System.nanoTime();
		BufferedImage image = new BufferedImage(this.width, this.height, BufferedImage.TYPE_INT_RGB);
		double scale = 3.0 / this.width;
		for (int y = 0; y < this.height; y++) {
			for (int x = 0; x < this.width; x++) {
				double re = -2.2 + x * scale;
				double im = (y - this.height / 2.0) * scale;
				image.setRGB(x, y, color(escape(re, im)));
			}
		}
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Image(png.toByteArray(), ProcessHandle.current().pid(), (System.nanoTime() - start) / 1_000_000);
	}

	private int escape(double re, double im) {
		double zr = 0;
		double zi = 0;
		int n = 0;
		while (n < this.iterations && zr * zr + zi * zi <= 4) {
			double next = zr * zr - zi * zi + re;
			zi = 2 * zr * zi + im;
			zr = next;
			n++;
		}
		return n;
	}

	private int color(int n) {
		if (n == this.iterations) {
			return 0x101820;
		}
		float hue = 0.58f + 0.4f * n / this.iterations;
		return java.awt.Color.HSBtoRGB(hue, 0.7f, Math.min(1f, 0.25f + n / 24f));
	}

	/**
	 * A rendered image, with the worker that rendered it.
	 *
	 * @param png the PNG bytes
	 * @param pid the process id of the worker JVM
	 * @param millis how long rendering took in the worker
	 */
	record Image(byte[] png, long pid, long millis) implements Serializable {

	}

}
