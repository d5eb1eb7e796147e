// Label photos as the camera would hand them over: the luma (grey) plane, one byte a pixel,
// written as binary PGM (P5). Same weights as the Kotlin tests' lumaPlane (BT.601).
// Also writes OUT_DIR/blank.png, a white photo with no code in it.
// Usage: java LumaPlanes.java PHOTO_DIR OUT_DIR NAME...   (NAME.jpg -> NAME.pgm)
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

public class LumaPlanes {
    public static void main(String[] args) throws IOException {
        File in = new File(args[0]);
        File out = new File(args[1]);
        for (int n = 2; n < args.length; n++) {
            BufferedImage image = ImageIO.read(new File(in, args[n] + ".jpg"));
            if (image == null) throw new IOException("cannot read " + args[n] + ".jpg");
            int w = image.getWidth(), h = image.getHeight();
            byte[] plane = new byte[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = image.getRGB(x, y);
                    int luma = (int) (0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff));
                    plane[y * w + x] = (byte) Math.max(0, Math.min(255, luma));
                }
            }
            try (FileOutputStream f = new FileOutputStream(new File(out, args[n] + ".pgm"))) {
                f.write(("P5\n" + w + " " + h + "\n255\n").getBytes(StandardCharsets.US_ASCII));
                f.write(plane);
            }
        }
        BufferedImage blank = new BufferedImage(200, 150, BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = blank.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 200, 150);
        g.dispose();
        ImageIO.write(blank, "png", new File(out, "blank.png"));
    }
}
