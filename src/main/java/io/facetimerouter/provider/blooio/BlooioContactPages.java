package io.facetimerouter.provider.blooio;

import com.fasterxml.jackson.databind.JsonNode;
import io.facetimerouter.resilience.MalformedResponseException;
import io.facetimerouter.provider.ProviderHttp;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Blooio's contact list, a page at a time: {@code GET /contacts?limit=200&offset=N&sort=oldest}
 * answers {@code {contacts: [...], pagination: {limit, offset, total}}}. Oldest first, so contacts
 * added while a campaign runs go to the end and never shift the pages still to read.
 */
@Component
public class BlooioContactPages extends RouteBuilder {

    public static final int PAGE_SIZE = 200;
    private static final String OFFSET = "contactsOffset";

    private final BlooioAdapter blooio;
    private final ProviderHttp http;
    private final ProducerTemplate producer;

    public BlooioContactPages(BlooioAdapter blooio, ProviderHttp http, ProducerTemplate producer) {
        this.blooio = blooio;
        this.http = http;
        this.producer = producer;
    }

    public record Contact(String identifier, String name) {
    }

    public record Page(List<Contact> contacts, int total) {
    }

    public Page fetch(int offset) {
        return producer.requestBodyAndHeader("direct:blooio-contacts-page", null, OFFSET, offset, Page.class);
    }

    @Override
    public void configure() {
        from("direct:blooio-contacts-page").routeId("blooio-contacts-page")
                .process(this::prepare)
                .to(blooio.contactsUri())
                .process(this::read);
    }

    private void prepare(Exchange exchange) {
        int offset = exchange.getMessage().getHeader(OFFSET, Integer.class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_QUERY, "limit=" + PAGE_SIZE + "&offset=" + offset + "&sort=oldest");
        blooio.authenticate(exchange);
    }

    private void read(Exchange exchange) {
        int status = ProviderHttp.status(exchange);
        JsonNode body = http.readJson(exchange);
        JsonNode contacts = body.path("contacts");
        if (!contacts.isArray()) {
            throw new MalformedResponseException(status, "no contacts array");
        }
        List<Contact> page = new ArrayList<>();
        for (JsonNode contact : contacts) {
            String identifier = contact.path("identifier").asText(contact.path("contact").asText(null));
            page.add(new Contact(identifier, contact.path("name").asText(null)));
        }
        int total = body.path("pagination").path("total").asInt(Integer.MAX_VALUE);
        exchange.getMessage().setBody(new Page(page, total));
    }
}
