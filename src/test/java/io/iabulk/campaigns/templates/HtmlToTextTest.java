package io.iabulk.campaigns.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlToTextTest {

    @Test
    void dropsInvisibleContentAndTurnsBlocksIntoLines() {
        String html = """
                <!doctype html><html><head><title>T</title><style>p{color:red}</style></head>
                <body><!-- hidden --><script type="text/javascript">var x = "<p>";</script>
                <h1>Welcome,
                   Ada</h1><p>First   paragraph<br>second line</p>
                <div>A div</div><div>Another</div>
                <ul><li>one</li><li>two</li></ul>
                <table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>
                </body></html>""";

        assertThat(HtmlToText.convert(html))
                .isEqualTo(
                        "Welcome, Ada\n\nFirst paragraph\nsecond line\n\nA div\nAnother\n\n- one\n- two\n\na b\nc d");
    }

    @Test
    void writesLinksAsTextAndUrl() {
        String html = "<p><a href=\"https://x.test/a?b=1&amp;c=2\" class=\"btn\">Join <b>now</b></a>, "
                + "<a href='https://x.test/'>https://x.test/</a>, <a href=\"mailto:a@x.test\">a@x.test</a>, "
                + "<a href=\"#top\">top</a>, <a href=https://bare.test>bare</a></p>";

        assertThat(HtmlToText.convert(html))
                .isEqualTo(
                        "Join now (https://x.test/a?b=1&c=2), https://x.test/, a@x.test, top, bare (https://bare.test)");
    }

    @Test
    void decodesEntities() {
        assertThat(
                        HtmlToText.convert(
                                "<p>Tom &amp; Jerry &lt;3 &quot;hi&quot; &#39;x&#x27; caf&eacute; &euro;5&nbsp;&hellip; &bogus; &#0;</p>"))
                .isEqualTo("Tom & Jerry <3 \"hi\" 'x' café €5 … &bogus; &#0;");
    }

    @Test
    void toleratesWhatIsNotQuiteHtml() {
        assertThat(HtmlToText.convert("<P>1 < 2 &amp;&amp; 3 > 2</P><BR><br/>x<br>y<SCRIPT>never"))
                .isEqualTo("1 < 2 && 3 > 2\n\nx\ny");
        assertThat(HtmlToText.convert("<!DOCTYPE html><div>a</div>tail <b")).isEqualTo("a\ntail <b");
        assertThat(HtmlToText.convert("<a href=\"https://x.test/\">  </a> after"))
                .isEqualTo("https://x.test/ after");
        assertThat(HtmlToText.convert("<p>Hi <a name=\"top\">anchor</a> there &amp</p>"))
                .isEqualTo("Hi anchor there &amp");
    }

    @Test
    void emptyInputGivesEmptyText() {
        assertThat(HtmlToText.convert(null)).isEmpty();
        assertThat(HtmlToText.convert("  <p> </p> ")).isEmpty();
    }

    @Test
    void marksOfSubstitutedValuesTakeNoRoomAndSurviveSkippedMarkup() {
        String s = String.valueOf(DataMarks.START);
        String e = String.valueOf(DataMarks.END);
        String html = "<p>" + s + "  " + e + " Hi " + s + "Ann" + e + "</p>"
                + "<a href=\"" + s + "https://x.test/" + e + "\">" + s + "https://x.test/" + e + "</a>"
                // raw HTML whose value starts inside a tag: its mark is kept, the rest stays data
                + " <img alt=\"" + s + "\">https://evil.example/" + e;

        String text = HtmlToText.convert(html);

        assertThat(DataMarks.strip(text)).isEqualTo("Hi Ann\n\nhttps://x.test/ https://evil.example/");
        DataMarks.Split split = DataMarks.split(text);
        assertThat(split.isData(split.text().indexOf("Ann"))).isTrue();
        assertThat(split.isData(split.text().indexOf("https://evil"))).isTrue();
        assertThat(split.isData(split.text().indexOf("Hi"))).isFalse();
    }

    @Test
    void decodesEveryNamedReferenceOfTheHtmlStandardAndKeepsItsOwnChoicesForText() {
        assertThat(HtmlToText.convert("<p>Shop now &rarr; &check; &hearts; &frac12; &NotEqualTilde;</p>"))
                .isEqualTo("Shop now \u2192 \u2713 \u2665 \u00bd \u2242\u0338");
        assertThat(HtmlToText.convert("<p>a&nbsp;b&zwnj;c&shy;d &rarr</p>")).isEqualTo("a bcd &rarr");
        assertThat(HtmlToText.decodeEntities("https://x.test/?a=1&rarr;b")).isEqualTo("https://x.test/?a=1\u2192b");
    }

    @Test
    void anEmptyCommentEndsWhereItStarts() {
        // the "show to every client but Outlook" block of email templates
        assertThat(HtmlToText.convert("<!--[if mso]><p>Outlook</p><![endif]--><!--[if !mso]><!--><p>Others</p>"
                        + "<!--<![endif]--><p>a<!-->b<!--->c</p>"))
                .isEqualTo("Others\n\nabc");
    }
}
