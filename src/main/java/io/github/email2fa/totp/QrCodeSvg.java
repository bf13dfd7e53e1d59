package io.github.email2fa.totp;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.owasp.encoder.Encode;

/**
 * A QR code as inline SVG, for a page to show an {@code otpauth://} link to a phone's camera. The
 * symbol is encoded by ZXing (ISO/IEC 18004) at error correction level M (15% of it may be lost)
 * and drawn black on white with the 4-module quiet zone the standard asks for.
 *
 * <p>The markup is small: one {@code <path>} whose {@code d} draws each row's dark runs as
 * horizontal strokes one module high ({@code M x y.5h length}, then {@code m gap 0h length}), with
 * {@code shape-rendering="crispEdges"} so no anti-aliased seams appear between modules. The
 * {@code viewBox} counts modules; {@code width} and {@code height} give {@value #PIXELS_PER_MODULE}
 * CSS pixels per module, which a style may override. It is an image to assistive technology
 * ({@code role="img"}) named by the caller's label.
 */
public final class QrCodeSvg {

    /** The quiet zone around the symbol, in modules (ISO/IEC 18004 section 6.3.8). */
    public static final int QUIET_ZONE = 4;
    /** The default size of one module, in CSS pixels. */
    public static final int PIXELS_PER_MODULE = 4;

    private QrCodeSvg() {
    }

    /**
     * The QR code of a text as an {@code <svg>} element.
     *
     * @param text what the code holds, such as an {@code otpauth://} link; UTF-8 if not ASCII
     * @param ariaLabel what the image is, for screen readers (such as "QR code for your authenticator
     *        app"); escaped here
     * @return the SVG markup, ready to put into an HTML page
     * @throws IllegalArgumentException if the text is empty or too long for a QR code
     */
    public static String render(String text, String ariaLabel) {
        ByteMatrix modules = modules(text);
        int size = modules.getWidth() + 2 * QUIET_ZONE;
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(size).append(' ').append(size)
                .append("\" width=\"").append(size * PIXELS_PER_MODULE).append("\" height=\"").append(size * PIXELS_PER_MODULE)
                .append("\" role=\"img\" aria-label=\"").append(Encode.forXmlAttribute(ariaLabel))
                .append("\" shape-rendering=\"crispEdges\"><rect width=\"").append(size).append("\" height=\"").append(size)
                .append("\" fill=\"#fff\"/><path stroke=\"#000\" d=\"");
        appendRuns(modules, svg);
        return svg.append("\"/></svg>").toString();
    }

    private static ByteMatrix modules(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a QR code needs some text");
        }
        // ASCII is the same in ZXing's default ISO-8859-1, without the ECI header a UTF-8 hint adds.
        Map<EncodeHintType, ?> hints = StandardCharsets.US_ASCII.newEncoder().canEncode(text) ? Map.of()
                : Map.of(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        try {
            return Encoder.encode(text, ErrorCorrectionLevel.M, hints).getMatrix();
        } catch (WriterException tooLong) {
            throw new IllegalArgumentException("a QR code cannot hold this text of " + text.length() + " characters", tooLong);
        }
    }

    /** Each row's dark runs as strokes along the row's middle, the first absolute and the rest relative. */
    private static void appendRuns(ByteMatrix modules, StringBuilder d) {
        int width = modules.getWidth();
        for (int y = 0; y < modules.getHeight(); y++) {
            int end = -1;
            int x = 0;
            while (x < width) {
                if (modules.get(x, y) != 1) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < width && modules.get(x, y) == 1) {
                    x++;
                }
                if (end < 0) {
                    d.append('M').append(start + QUIET_ZONE).append(' ').append(y + QUIET_ZONE).append(".5");
                } else {
                    d.append('m').append(start - end).append(" 0");
                }
                d.append('h').append(x - start);
                end = x;
            }
        }
    }
}
