package io.github.email2fa.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Covers {@link QrCodeSvg}: the drawn symbol decodes back to the text, and the markup is small, well formed and labelled. */
class QrCodeSvgTest {

    private static final String LINK = OtpAuthUri.of(TotpSettings.defaults("Zoë Ltd"), "alice@example.com",
            HexFormat.of().parseHex("3132333435363738393031323334353637383930"));
    /** One run: an absolute start ({@code M x y.5h n}) or a gap from the last run's end ({@code m g 0h n}). */
    private static final Pattern RUN = Pattern.compile("(?:M(\\d+) (\\d+)\\.5|m(\\d+) 0)h(\\d+)");
    private static final int PIXELS = 4;

    @ParameterizedTest
    @ValueSource(strings = {"x", "https://example.com/", "Grüße, Zoë — 東京"})
    void renderWhenDecodedThenTheSameText(String text) throws Exception {
        assertEquals(text, decode(QrCodeSvg.render(text, "QR code")).getText());
    }

    @Test
    void renderWhenOtpAuthLinkThenDecodesToItAtErrorCorrectionM() throws Exception {
        Result result = decode(QrCodeSvg.render(LINK, "QR code"));

        assertEquals(LINK, result.getText());
        assertEquals("M", result.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL));
    }

    @Test
    void renderWhenOtpAuthLinkThenOneSmallPathWithViewBoxCrispEdgesAndRoleImg() throws Exception {
        String svg = QrCodeSvg.render(LINK, "QR code for your authenticator app");
        Element root = parse(svg).getDocumentElement();

        assertEquals("svg", root.getTagName());
        assertEquals("http://www.w3.org/2000/svg", root.getAttribute("xmlns"));
        assertEquals("img", root.getAttribute("role"));
        assertEquals("QR code for your authenticator app", root.getAttribute("aria-label"));
        assertEquals("crispEdges", root.getAttribute("shape-rendering"));
        int size = size(root);
        assertEquals(String.valueOf(size * 4), root.getAttribute("width"));
        assertEquals(1, root.getElementsByTagName("path").getLength());
        assertTrue(svg.length() < 6000, "length " + svg.length());
    }

    @Test
    void renderWhenDrawnThenFourModulesOfQuietZoneOnEverySide() throws Exception {
        Element root = parse(QrCodeSvg.render(LINK, "QR code")).getDocumentElement();
        boolean[][] dark = modules(root);
        int size = dark.length;

        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean inQuietZone = x < 4 || y < 4 || x >= size - 4 || y >= size - 4;
                assertFalse(inQuietZone && dark[y][x], "dark module at " + x + "," + y);
            }
        }
        assertTrue(dark[4][4] && dark[4][size - 5] && dark[size - 5][4], "finder patterns start right after the quiet zone");
    }

    @Test
    void renderWhenLabelHasMarkupThenEscapedAndReadBackUnchanged() throws Exception {
        String label = "QR \"code\" <for> 'Zoë' & co";

        String svg = QrCodeSvg.render("x", label);

        assertFalse(svg.contains("<for>"), svg);
        assertFalse(svg.contains("\"code\""), svg);
        assertEquals(label, parse(svg).getDocumentElement().getAttribute("aria-label"));
    }

    @Test
    void renderWhenTextIsEmptyThenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> QrCodeSvg.render("", "QR code"));
    }

    @Test
    void renderWhenTextIsTooLongForAQrCodeThenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> QrCodeSvg.render("x".repeat(3000), "QR code"));
    }

    /** Reads the symbol back from the path's runs, draws it at 4 pixels a module, and decodes it. */
    private static Result decode(String svg) throws Exception {
        boolean[][] dark = modules(parse(svg).getDocumentElement());
        int side = dark.length * PIXELS;
        int[] pixels = new int[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                pixels[y * side + x] = dark[y / PIXELS][x / PIXELS] ? 0xff000000 : 0xffffffff;
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(side, side, pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE));
    }

    /** The dark modules the path draws, row by row, checking the path is only runs. */
    private static boolean[][] modules(Element svg) {
        int size = size(svg);
        boolean[][] dark = new boolean[size][size];
        String d = ((Element) svg.getElementsByTagName("path").item(0)).getAttribute("d");
        Matcher run = RUN.matcher(d);
        int position = 0;
        int x = 0;
        int y = 0;
        while (run.find()) {
            assertEquals(position, run.start(), "only runs in " + d);
            if (run.group(1) != null) {
                x = Integer.parseInt(run.group(1));
                y = Integer.parseInt(run.group(2));
            } else {
                x += Integer.parseInt(run.group(3));
            }
            int length = Integer.parseInt(run.group(4));
            for (int i = 0; i < length; i++) {
                dark[y][x + i] = true;
            }
            x += length;
            position = run.end();
        }
        assertEquals(d.length(), position, "only runs in " + d);
        return dark;
    }

    private static int size(Element svg) {
        String[] viewBox = svg.getAttribute("viewBox").split(" ");
        assertEquals("0", viewBox[0]);
        assertEquals("0", viewBox[1]);
        assertEquals(viewBox[2], viewBox[3]);
        return Integer.parseInt(viewBox[2]);
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
