/// The words of the synthetic history in the country's three languages: people's names, neighbourhoods, the
/// advice of alerts, the reasons of decisions. Every name is invented from common Belgian first and last names.
enum PhraseBook {
    static let firstNames = [
        "Jan", "Marc", "Luc", "Peter", "Koen", "Bart", "Tom", "Els", "An", "Sofie", "Lotte", "Emma", "Lucas", "Noah",
        "Marie", "Anne", "Nathalie", "Isabelle", "Philippe", "Pierre", "Michel", "Jean", "Sophie", "Julie", "Louis",
        "Camille", "Thomas", "Nicolas", "Ahmed", "Fatima", "Mohamed", "Yasmine", "Jürgen", "Hélène", "François",
        "Rik", "Greet", "Hilde", "Dirk", "Wim", "Ingrid", "Martine", "Patrick", "Olivier", "Céline", "Amélie",
    ]
    static let lastNames = [
        "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet",
        "Dubois", "Lambert", "Martin", "Dupont", "Simon", "Laurent", "Leclercq", "Renard", "Lejeune", "Hermans",
        "Vermeulen", "Van den Broeck", "Dumont", "Michel", "Lemaire", "Denis", "Verstraete", "De Backer", "Smets",
        "Schmitz", "Mathieu", "D'Hondt", "Van Damme", "Pauwels", "Aerts", "El Amrani", "Benali", "Kowalski",
    ]
    static let areasDutch = [
        "Centrum", "Dorp", "Kerkwijk", "Stationswijk", "Heide", "Molenwijk", "Kouter", "Bos", "Noord", "Zuid",
        "Oost", "West", "Hoogveld", "Kapelleveld", "Ter Linden", "Veld", "Markt", "Beek",
    ]
    static let areasFrench = [
        "Centre", "Village", "Gare", "Quartier de l'Église", "Bois", "Plateau", "Nord", "Sud", "Les Prés", "Campagne",
        "Cité", "Hameau", "Place communale", "Vieux Moulin",
    ]
    static let areasGerman = ["Zentrum", "Dorf", "Bahnhof", "Kirchviertel", "Oberstadt", "Unterstadt"]

    /// Advice of urgent alerts.
    static func urgentAdvice(_ language: Language) -> [String] {
        switch language {
        case .dutch: ["Verdachte persoon gezien in de buurt: sluit deuren en ramen, bel 101 bij verdachte feiten.",
                      "Verdacht voertuig gesignaleerd: noteer de nummerplaat, benader niemand, bel 101.",
                      "Inbraak aan de gang in de wijk: blijf binnen, bel 112 bij nieuwe waarnemingen."]
        case .french: ["Personne suspecte signalée dans le quartier : fermez portes et fenêtres, appelez le 101.",
                       "Véhicule suspect signalé : notez la plaque, n'intervenez pas, appelez le 101.",
                       "Cambriolage en cours dans le quartier : restez à l'intérieur, appelez le 112."]
        case .german: ["Verdächtige Person im Viertel gemeldet: Türen und Fenster schließen, 101 anrufen.",
                       "Verdächtiges Fahrzeug gemeldet: Kennzeichen notieren, 101 anrufen."]
        }
    }

    /// Advice of prevention messages.
    static func preventionAdvice(_ language: Language, winter: Bool) -> [String] {
        switch (language, winter) {
        case (.dutch, true): ["De dagen worden korter: laat 's avonds licht branden en sluit ramen en deuren.",
                              "Controleer uw CO-melder voor de winter."]
        case (.dutch, false): ["Op vakantie? Vraag gratis woningtoezicht aan bij de politie.",
                               "Laat geen waardevolle spullen zichtbaar achter in uw wagen."]
        case (.french, true): ["Les soirées s'allongent : laissez une lumière allumée et verrouillez portes et fenêtres.",
                               "Vérifiez votre détecteur de CO avant l'hiver."]
        case (.french, false): ["En vacances ? Demandez la surveillance gratuite de votre habitation à la police.",
                                "Ne laissez aucun objet de valeur visible dans votre voiture."]
        case (.german, true): ["Die Tage werden kürzer: Licht brennen lassen, Türen und Fenster schließen."]
        case (.german, false): ["Im Urlaub? Beantragen Sie die kostenlose Wohnungsüberwachung der Polizei."]
        }
    }

    /// Advice of periodic bulletins.
    static func bulletinAdvice(_ language: Language) -> [String] {
        switch language {
        case .dutch: ["Maandelijkse nieuwsbrief van uw BIN: overzicht van de meldingen en tips.",
                      "BIN-nieuws: de politie bedankt alle leden voor hun waakzaamheid."]
        case .french: ["Bulletin mensuel de votre PLP : bilan des signalements et conseils.",
                       "Nouvelles du PLP : la police remercie les membres pour leur vigilance."]
        case .german: ["Monatliches Bulletin Ihres NIN: Meldungen und Tipps."]
        }
    }

    /// The feedback message after a report.
    static func feedbackMessage(_ language: Language) -> String {
        switch language {
        case .dutch: "Bedankt voor uw waakzaamheid."
        case .french: "Merci pour votre vigilance."
        case .german: "Danke für Ihre Wachsamkeit."
        }
    }

    static let amendments = [
        "Nouveau plan de communication (BE-Alert)", "Uitbreiding van het werkingsgebied", "Nieuwe WhatsApp-groep als kanaal",
        "Périmètre étendu à un nouveau lotissement", "Aangepast financieringsplan", "Procédure d'alerte révisée",
    ]
    static let suspensionReasons = ["coordinator inactive", "charter not respected", "geen activiteit sinds een jaar",
                                    "désaccord entre partenaires"]
    static let dissolutionReasons = ["insufficient support", "no coordinator found", "merged with a neighbouring PLP",
                                     "evaluation: stop", "opgeheven op vraag van de leden", "inactivité prolongée"]
    static let evaluationNotes = ["Bonne collaboration avec la zone", "Meer leden werven", "Communicatie verbeteren",
                                  "Réunion annuelle à organiser"]
    static let voidReasons = ["reclassified", "duplicate", "entered in error", "wrong PLP informed", "recorded twice"]
    static let academies = ["ANPA", "ERIP", "ACAPOL", "CEFIG", "Campus Vesta", "PIVO", "PLOT", "OVPA", "WPS"]
    static let practiceThemes = ["communication", "recruitment", "burglary prevention", "youth", "independents",
                                 "technology", "seniors"]
    static let practiceTitles = [
        "WhatsApp-groep met duidelijke afspraken", "Soirée d'information avec la zone de police", "Buurtwandeling met de wijkagent",
        "Affiches PLP aux entrées du quartier", "Welkomstpakket voor nieuwe leden", "Formation des coordinateurs",
        "Samenwerking met handelaars (BIN-Z)", "Journée portes ouvertes au commissariat",
    ]
    static let committeeDecisions = [
        "Rapport annuel approuvé", "Jaarverslag goedgekeurd; nieuwe richtlijnen voor BIN-Z",
        "Budget formations reconduit", "Evaluatie van de omzendbrief besproken",
    ]

    /// A person's full name.
    static func personName(_ random: inout SeededRandom) -> String {
        random.pick(firstNames) + " " + random.pick(lastNames)
    }

    /// A Belgian mobile number.
    static func phone(_ random: inout SeededRandom) -> String {
        let digits = 70_000_000 + random.below(29_999_999)
        return "+32 4\(digits / 1_000_000 % 100) \(pad(digits / 10_000 % 100)) \(pad(digits / 100 % 100)) \(pad(digits % 100))"
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
