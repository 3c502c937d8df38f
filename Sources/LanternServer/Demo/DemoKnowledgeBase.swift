// Demo content seeded by `lantern serve --demo`.
//
// The demo customer is "Brightbill", a fictional invoicing and payments app for small
// businesses. Two demo companies use it: Acme Corporation (acme.example) and Globex
// (globex.example). The content covers every folder visibility kind and includes French
// translations for most articles; a few articles are deliberately English-only so the
// fallback to the primary language can be demonstrated.

/// The complete demo knowledge base for the fictional "Brightbill" invoicing app.
enum DemoKnowledgeBase {
    /// All demo categories, in display order.
    static let categories: [DemoCategory] = [
        gettingStartedAndAccount,
        invoicesAndPayments,
        administration,
    ]

    // MARK: - Categories

    private static let gettingStartedAndAccount = DemoCategory(
        name: "Getting started & account",
        description: "Set up Brightbill, sign in securely and manage your team and subscription.",
        folders: [accountAndSignIn, gettingStarted, yourSubscription]
    )

    private static let invoicesAndPayments = DemoCategory(
        name: "Invoices & payments",
        description: "Create invoices, handle taxes and get paid online.",
        folders: [invoices, payments]
    )

    private static let administration = DemoCategory(
        name: "Administration",
        description: "Integrations, data protection and workspace-specific guides.",
        folders: [integrationsAndData, internalPlaybook, acmeEnterprise, globexFinance, chatbotAnswers]
    )

    // MARK: - Getting started & account

    private static let accountAndSignIn = DemoFolder(
        name: "Account & sign-in",
        description: "Passwords, two-factor authentication and sign-in problems.",
        visibility: .allUsers,
        companyDomains: [],
        articles: [
            DemoArticle(
                title: "How do I change my password?",
                body: """
                    <p>You can change your Brightbill password at any time from your profile. For security, you will need your current password to set a new one.</p>
                    <h2>Change your password</h2>
                    <ol>
                    <li>Sign in at <a href="https://app.brightbill.example">app.brightbill.example</a>.</li>
                    <li>Click your avatar in the top-right corner and choose <strong>Profile</strong>.</li>
                    <li>Open the <strong>Security</strong> tab and click <strong>Change password</strong>.</li>
                    <li>Enter your current password, then your new password twice.</li>
                    <li>Click <strong>Save</strong>. You stay signed in on this device, and all other sessions are signed out.</li>
                    </ol>
                    <h3>Password requirements</h3>
                    <ul>
                    <li>At least 12 characters.</li>
                    <li>Not one of your last five passwords.</li>
                    <li>Not found in known data breaches. We check this without ever sending your password anywhere.</li>
                    </ul>
                    <p>If you have forgotten your current password, use <strong>Forgot password?</strong> on the sign-in page instead. See <em>I can't sign in to my account</em>.</p>
                    """,
                tags: ["password", "account", "security", "sign-in"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Comment changer mon mot de passe ?",
                        body: """
                            <p>Vous pouvez changer votre mot de passe Brightbill à tout moment depuis votre profil. Pour des raisons de sécurité, votre mot de passe actuel vous sera demandé pour en définir un nouveau.</p>
                            <h2>Changer votre mot de passe</h2>
                            <ol>
                            <li>Connectez-vous sur <a href="https://app.brightbill.example">app.brightbill.example</a>.</li>
                            <li>Cliquez sur votre avatar en haut à droite et choisissez <strong>Profil</strong>.</li>
                            <li>Ouvrez l'onglet <strong>Sécurité</strong> et cliquez sur <strong>Changer le mot de passe</strong>.</li>
                            <li>Saisissez votre mot de passe actuel, puis deux fois le nouveau.</li>
                            <li>Cliquez sur <strong>Enregistrer</strong>. Vous restez connecté sur cet appareil et toutes les autres sessions sont fermées.</li>
                            </ol>
                            <h3>Exigences relatives au mot de passe</h3>
                            <ul>
                            <li>Au moins 12 caractères.</li>
                            <li>Différent de vos cinq derniers mots de passe.</li>
                            <li>Absent des fuites de données connues. Nous le vérifions sans jamais transmettre votre mot de passe.</li>
                            </ul>
                            <p>Si vous avez oublié votre mot de passe actuel, utilisez plutôt <strong>Mot de passe oublié ?</strong> sur la page de connexion. Consultez <em>Je n'arrive pas à me connecter à mon compte</em>.</p>
                            """
                    ),
                ]
            ),
            DemoArticle(
                title: "Set up two-factor authentication",
                body: """
                    <p>Two-factor authentication (2FA) protects your Brightbill account even if someone learns your password. Once it is on, signing in requires a six-digit code from an authenticator app.</p>
                    <h2>Turn on 2FA</h2>
                    <ol>
                    <li>Install an authenticator app such as Google Authenticator, 1Password or Authy.</li>
                    <li>In Brightbill, go to <strong>Profile → Security</strong> and click <strong>Enable two-factor authentication</strong>.</li>
                    <li>Scan the QR code with your app, or type the setup key shown below it.</li>
                    <li>Enter the six-digit code from the app and click <strong>Verify</strong>.</li>
                    <li>Download or print your ten <strong>recovery codes</strong> and keep them somewhere safe.</li>
                    </ol>
                    <h3>Lost your phone?</h3>
                    <p>Sign in with one of your recovery codes, then disable and re-enable 2FA with your new device. Each recovery code works only once.</p>
                    <blockquote>Account owners can require 2FA for everyone on the team under <strong>Settings → Team → Security policy</strong>.</blockquote>
                    """,
                tags: ["2fa", "two-factor", "security", "sign-in"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Configurer l'authentification à deux facteurs",
                        body: """
                            <p>L'authentification à deux facteurs (2FA) protège votre compte Brightbill même si quelqu'un découvre votre mot de passe. Une fois activée, la connexion exige un code à six chiffres fourni par une application d'authentification.</p>
                            <h2>Activer la 2FA</h2>
                            <ol>
                            <li>Installez une application d'authentification comme Google Authenticator, 1Password ou Authy.</li>
                            <li>Dans Brightbill, allez dans <strong>Profil → Sécurité</strong> et cliquez sur <strong>Activer l'authentification à deux facteurs</strong>.</li>
                            <li>Scannez le code QR avec votre application, ou saisissez la clé de configuration affichée en dessous.</li>
                            <li>Saisissez le code à six chiffres de l'application et cliquez sur <strong>Vérifier</strong>.</li>
                            <li>Téléchargez ou imprimez vos dix <strong>codes de récupération</strong> et conservez-les en lieu sûr.</li>
                            </ol>
                            <h3>Vous avez perdu votre téléphone ?</h3>
                            <p>Connectez-vous avec l'un de vos codes de récupération, puis désactivez et réactivez la 2FA avec votre nouvel appareil. Chaque code de récupération ne fonctionne qu'une seule fois.</p>
                            <blockquote>Le propriétaire du compte peut imposer la 2FA à toute l'équipe dans <strong>Paramètres → Équipe → Politique de sécurité</strong>.</blockquote>
                            """
                    ),
                ]
            ),
            DemoArticle(
                title: "I can't sign in to my account",
                body: """
                    <p>Most sign-in problems are solved in a couple of minutes. Work through these checks in order.</p>
                    <h2>Reset a forgotten password</h2>
                    <ol>
                    <li>On the sign-in page, click <strong>Forgot password?</strong>.</li>
                    <li>Enter the email address you use for Brightbill.</li>
                    <li>Open the reset email and click the link within 60 minutes.</li>
                    <li>Choose a new password and sign in.</li>
                    </ol>
                    <h2>Still stuck?</h2>
                    <ul>
                    <li><strong>No reset email:</strong> check your spam folder and make sure you typed the address your account was created with.</li>
                    <li><strong>Account locked:</strong> after ten failed attempts, sign-in is paused for 15 minutes. Wait, then try again.</li>
                    <li><strong>Your company uses single sign-on:</strong> click <strong>Sign in with SSO</strong> and use your work credentials instead of a Brightbill password.</li>
                    <li><strong>2FA code rejected:</strong> make sure the time on your phone is set automatically. Codes depend on an accurate clock.</li>
                    </ul>
                    <p>If none of this works, <a href="https://brightbill.example/contact">contact support</a> from the email address on your account.</p>
                    """,
                tags: ["sign-in", "login", "password", "locked"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Je n'arrive pas à me connecter à mon compte",
                        body: """
                            <p>La plupart des problèmes de connexion se règlent en quelques minutes. Effectuez ces vérifications dans l'ordre.</p>
                            <h2>Réinitialiser un mot de passe oublié</h2>
                            <ol>
                            <li>Sur la page de connexion, cliquez sur <strong>Mot de passe oublié ?</strong>.</li>
                            <li>Saisissez l'adresse e-mail que vous utilisez pour Brightbill.</li>
                            <li>Ouvrez l'e-mail de réinitialisation et cliquez sur le lien dans les 60 minutes.</li>
                            <li>Choisissez un nouveau mot de passe et connectez-vous.</li>
                            </ol>
                            <h2>Toujours bloqué ?</h2>
                            <ul>
                            <li><strong>Pas d'e-mail de réinitialisation :</strong> vérifiez vos courriers indésirables et assurez-vous d'avoir saisi l'adresse utilisée lors de la création du compte.</li>
                            <li><strong>Compte verrouillé :</strong> après dix tentatives infructueuses, la connexion est suspendue pendant 15 minutes. Patientez, puis réessayez.</li>
                            <li><strong>Votre entreprise utilise l'authentification unique (SSO) :</strong> cliquez sur <strong>Se connecter avec le SSO</strong> et utilisez vos identifiants professionnels au lieu d'un mot de passe Brightbill.</li>
                            <li><strong>Code 2FA refusé :</strong> vérifiez que l'heure de votre téléphone est réglée automatiquement. Les codes dépendent d'une horloge précise.</li>
                            </ul>
                            <p>Si rien de tout cela ne fonctionne, <a href="https://brightbill.example/contact">contactez le support</a> depuis l'adresse e-mail de votre compte.</p>
                            """
                    ),
                ]
            ),
        ]
    )

    private static let gettingStarted = DemoFolder(
        name: "Getting started",
        description: "Your first steps with Brightbill: invoices, branding, team and notifications.",
        visibility: .allUsers,
        companyDomains: [],
        articles: [
            DemoArticle(
                title: "Create and send your first invoice",
                body: """
                    <p>Sending your first invoice with Brightbill takes about five minutes. You need at least one customer and one line item.</p>
                    <h2>Create and send an invoice</h2>
                    <ol>
                    <li>Click <strong>Invoices → New invoice</strong>.</li>
                    <li>Choose a customer, or click <strong>Add customer</strong> and enter their name and billing email.</li>
                    <li>Add line items with a description, quantity and unit price. Saved products appear as you type.</li>
                    <li>Check the issue date and payment terms. The due date is calculated for you (for example, <em>Net 30</em>).</li>
                    <li>Click <strong>Preview</strong> to see exactly what your customer will receive.</li>
                    <li>Click <strong>Send</strong>. Brightbill emails a PDF and a secure payment link.</li>
                    </ol>
                    <h3>Tips</h3>
                    <ul>
                    <li>Invoice numbers are assigned automatically. Change the prefix under <strong>Settings → Invoices</strong>.</li>
                    <li>Save an invoice as a draft at any time. Drafts are never sent to customers.</li>
                    <li>Turn on online payments so customers can pay by card straight from the email.</li>
                    </ul>
                    """,
                tags: ["invoices", "getting-started", "customers"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Créer et envoyer votre première facture",
                        body: """
                            <p>Envoyer votre première facture avec Brightbill prend environ cinq minutes. Il vous faut au moins un client et une ligne de facture.</p>
                            <h2>Créer et envoyer une facture</h2>
                            <ol>
                            <li>Cliquez sur <strong>Factures → Nouvelle facture</strong>.</li>
                            <li>Choisissez un client, ou cliquez sur <strong>Ajouter un client</strong> et saisissez son nom et son adresse e-mail de facturation.</li>
                            <li>Ajoutez des lignes avec une description, une quantité et un prix unitaire. Les produits enregistrés s'affichent pendant la saisie.</li>
                            <li>Vérifiez la date d'émission et les conditions de paiement. La date d'échéance est calculée automatiquement (par exemple <em>30 jours net</em>).</li>
                            <li>Cliquez sur <strong>Aperçu</strong> pour voir exactement ce que recevra votre client.</li>
                            <li>Cliquez sur <strong>Envoyer</strong>. Brightbill envoie par e-mail un PDF et un lien de paiement sécurisé.</li>
                            </ol>
                            <h3>Conseils</h3>
                            <ul>
                            <li>Les numéros de facture sont attribués automatiquement. Modifiez le préfixe dans <strong>Paramètres → Factures</strong>.</li>
                            <li>Enregistrez une facture comme brouillon à tout moment. Les brouillons ne sont jamais envoyés aux clients.</li>
                            <li>Activez les paiements en ligne pour que vos clients puissent payer par carte directement depuis l'e-mail.</li>
                            </ul>
                            """
                    ),
                ]
            ),
            DemoArticle(
                title: "Add your logo and brand colours",
                body: """
                    <p>Your logo, colours and business details appear on every invoice, quote and payment page. Setting them up once makes your documents look professional.</p>
                    <h2>Upload your logo</h2>
                    <ol>
                    <li>Go to <strong>Settings → Branding</strong>.</li>
                    <li>Click <strong>Upload logo</strong> and choose a PNG, JPG or SVG file up to 2 MB. A wide logo of at least 600 pixels looks best.</li>
                    <li>Pick an accent colour. It is used for headings, buttons and the payment page.</li>
                    <li>Click <strong>Save</strong>.</li>
                    </ol>
                    <h2>Add your business details</h2>
                    <p>Under <strong>Settings → Business profile</strong>, enter your legal name, address, registration number and VAT number. These are printed in the invoice header and are required in many countries.</p>
                    <h3>Custom footer</h3>
                    <p>Use the <strong>Invoice footer</strong> field for bank details, a thank-you note or your terms. Changes apply to new invoices only; invoices that were already sent keep their original design.</p>
                    """,
                tags: ["branding", "logo", "invoices", "getting-started"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Ajouter votre logo et vos couleurs",
                        body: """
                            <p>Votre logo, vos couleurs et les informations de votre entreprise apparaissent sur chaque facture, devis et page de paiement. Les configurer une fois pour toutes donne à vos documents un aspect professionnel.</p>
                            <h2>Importer votre logo</h2>
                            <ol>
                            <li>Allez dans <strong>Paramètres → Image de marque</strong>.</li>
                            <li>Cliquez sur <strong>Importer un logo</strong> et choisissez un fichier PNG, JPG ou SVG de 2 Mo maximum. Un logo large d'au moins 600 pixels donne le meilleur résultat.</li>
                            <li>Choisissez une couleur d'accent. Elle est utilisée pour les titres, les boutons et la page de paiement.</li>
                            <li>Cliquez sur <strong>Enregistrer</strong>.</li>
                            </ol>
                            <h2>Ajouter les informations de votre entreprise</h2>
                            <p>Dans <strong>Paramètres → Profil de l'entreprise</strong>, saisissez votre raison sociale, votre adresse, votre numéro d'immatriculation et votre numéro de TVA. Ces informations figurent dans l'en-tête des factures et sont obligatoires dans de nombreux pays.</p>
                            <h3>Pied de page personnalisé</h3>
                            <p>Utilisez le champ <strong>Pied de page de facture</strong> pour vos coordonnées bancaires, un mot de remerciement ou vos conditions. Les modifications s'appliquent uniquement aux nouvelles factures ; les factures déjà envoyées conservent leur présentation d'origine.</p>
                            """
                    ),
                ]
            ),
            DemoArticle(
                title: "Invite team members and assign roles",
                body: """
                    <p>Share the work of invoicing with your team. Each person gets their own sign-in, and roles control what they can see and do.</p>
                    <h2>Invite a team member</h2>
                    <ol>
                    <li>Go to <strong>Settings → Team</strong> and click <strong>Invite member</strong>.</li>
                    <li>Enter their email address and choose a role.</li>
                    <li>Click <strong>Send invitation</strong>. The link is valid for seven days.</li>
                    </ol>
                    <h2>Roles</h2>
                    <ul>
                    <li><strong>Owner</strong> – full access, including billing and deleting the account. There is exactly one owner.</li>
                    <li><strong>Admin</strong> – everything except billing and ownership transfer.</li>
                    <li><strong>Accountant</strong> – can view all invoices and payments, export reports and record payments, but cannot change settings.</li>
                    <li><strong>Staff</strong> – can create and send invoices for the customers they are assigned to.</li>
                    </ul>
                    <p>To change a role, click the person's name in the team list and pick a new role. To remove someone, click <strong>Deactivate</strong>; their past activity stays in the audit log. The number of team seats depends on your plan.</p>
                    """,
                tags: ["team", "roles", "permissions", "users"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Inviter des membres de l'équipe et attribuer des rôles",
                        body: """
                            <p>Partagez le travail de facturation avec votre équipe. Chaque personne dispose de ses propres identifiants, et les rôles déterminent ce qu'elle peut voir et faire.</p>
                            <h2>Inviter un membre</h2>
                            <ol>
                            <li>Allez dans <strong>Paramètres → Équipe</strong> et cliquez sur <strong>Inviter un membre</strong>.</li>
                            <li>Saisissez son adresse e-mail et choisissez un rôle.</li>
                            <li>Cliquez sur <strong>Envoyer l'invitation</strong>. Le lien est valable sept jours.</li>
                            </ol>
                            <h2>Rôles</h2>
                            <ul>
                            <li><strong>Propriétaire</strong> – accès complet, y compris l'abonnement et la suppression du compte. Il y a exactement un propriétaire.</li>
                            <li><strong>Administrateur</strong> – tout, sauf l'abonnement et le transfert de propriété.</li>
                            <li><strong>Comptable</strong> – peut consulter toutes les factures et tous les paiements, exporter des rapports et enregistrer des paiements, mais pas modifier les paramètres.</li>
                            <li><strong>Collaborateur</strong> – peut créer et envoyer des factures pour les clients qui lui sont attribués.</li>
                            </ul>
                            <p>Pour changer un rôle, cliquez sur le nom de la personne dans la liste de l'équipe et choisissez un nouveau rôle. Pour retirer quelqu'un, cliquez sur <strong>Désactiver</strong> ; son activité passée reste dans le journal d'audit. Le nombre de places dépend de votre formule.</p>
                            """
                    ),
                ]
            ),
            DemoArticle(
                title: "Use the Brightbill mobile app",
                body: """
                    <p>The Brightbill app for iPhone and Android lets you create invoices, record payments and check who owes you money while you are away from your desk.</p>
                    <h2>Install and sign in</h2>
                    <ol>
                    <li>Download <strong>Brightbill</strong> from the App Store or Google Play.</li>
                    <li>Open the app and tap <strong>Sign in</strong>. Use the same email and password as on the web, or tap <strong>Sign in with SSO</strong>.</li>
                    <li>If you use two-factor authentication, enter the code from your authenticator app.</li>
                    </ol>
                    <h2>What you can do in the app</h2>
                    <ul>
                    <li>Create, edit and send invoices and quotes.</li>
                    <li>Snap a photo of a receipt and attach it as an expense.</li>
                    <li>Record cash or cheque payments on the spot.</li>
                    <li>Get a push notification the moment a customer pays.</li>
                    </ul>
                    <h3>Offline mode</h3>
                    <p>Drafts you create without a connection are stored on your device and sync automatically when you are back online. Invoices can only be sent when the phone is connected.</p>
                    """,
                tags: ["mobile", "ios", "android", "app"],
                translations: []
            ),
            DemoArticle(
                title: "Manage email and push notifications",
                body: """
                    <p>Brightbill can tell you when invoices are viewed, paid or overdue. You decide which alerts you get and where.</p>
                    <h2>Choose your notifications</h2>
                    <ol>
                    <li>Click your avatar and choose <strong>Profile → Notifications</strong>.</li>
                    <li>For each event, tick <strong>Email</strong>, <strong>Push</strong> (mobile app) or both.</li>
                    <li>Click <strong>Save preferences</strong>.</li>
                    </ol>
                    <h2>Available events</h2>
                    <ul>
                    <li>Invoice viewed by the customer</li>
                    <li>Payment received or failed</li>
                    <li>Invoice overdue</li>
                    <li>Weekly summary of outstanding balances</li>
                    </ul>
                    <h3>Too many emails?</h3>
                    <p>Switch to the <strong>Daily digest</strong> option to receive one email per day instead of one per event. Notification settings are personal: changing them does not affect your teammates. Messages sent to your customers, such as reminders, are configured separately under <strong>Settings → Reminders</strong>.</p>
                    """,
                tags: ["notifications", "email", "push", "alerts"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Gérer les notifications par e-mail et push",
                        body: """
                            <p>Brightbill peut vous prévenir lorsque des factures sont consultées, payées ou en retard. Vous choisissez quelles alertes vous recevez et où.</p>
                            <h2>Choisir vos notifications</h2>
                            <ol>
                            <li>Cliquez sur votre avatar et choisissez <strong>Profil → Notifications</strong>.</li>
                            <li>Pour chaque événement, cochez <strong>E-mail</strong>, <strong>Push</strong> (application mobile) ou les deux.</li>
                            <li>Cliquez sur <strong>Enregistrer les préférences</strong>.</li>
                            </ol>
                            <h2>Événements disponibles</h2>
                            <ul>
                            <li>Facture consultée par le client</li>
                            <li>Paiement reçu ou échoué</li>
                            <li>Facture en retard</li>
                            <li>Récapitulatif hebdomadaire des soldes impayés</li>
                            </ul>
                            <h3>Trop d'e-mails ?</h3>
                            <p>Passez à l'option <strong>Résumé quotidien</strong> pour recevoir un seul e-mail par jour au lieu d'un par événement. Les paramètres de notification sont personnels : les modifier n'affecte pas vos collègues. Les messages envoyés à vos clients, comme les relances, se configurent séparément dans <strong>Paramètres → Relances</strong>.</p>
                            """
                    ),
                ]
            ),
        ]
    )

    private static let yourSubscription = DemoFolder(
        name: "Your subscription",
        description: "Billing details, plan changes and cancellation. Visible to signed-in customers only.",
        visibility: .loggedInUsers,
        companyDomains: [],
        articles: [
            DemoArticle(
                title: "Update your billing details",
                body: """
                    <p>Keep your payment card and invoicing address up to date so your Brightbill subscription renews without interruption. Only the account owner can change billing details.</p>
                    <h2>Change your payment card</h2>
                    <ol>
                    <li>Go to <strong>Settings → Subscription → Billing details</strong>.</li>
                    <li>Click <strong>Update card</strong> and enter the new card number, expiry date and security code.</li>
                    <li>Complete the verification step from your bank if asked.</li>
                    <li>Click <strong>Save</strong>. The new card is used from your next renewal.</li>
                    </ol>
                    <h2>Change the address on your receipts</h2>
                    <p>On the same screen, edit <strong>Company name</strong>, <strong>Billing address</strong> and <strong>VAT number</strong>. Adding a valid EU VAT number removes VAT from future subscription charges under the reverse-charge rules.</p>
                    <h3>Payment failed?</h3>
                    <p>We retry a failed payment three times over seven days and email the owner each time. Updating your card triggers an immediate retry, so your account stays active.</p>
                    """,
                tags: ["billing", "subscription", "payment-card", "vat"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Mettre à jour vos informations de facturation",
                        body: """
                            <p>Tenez à jour votre carte de paiement et votre adresse de facturation pour que votre abonnement Brightbill se renouvelle sans interruption. Seul le propriétaire du compte peut modifier les informations de facturation.</p>
                            <h2>Changer votre carte de paiement</h2>
                            <ol>
                            <li>Allez dans <strong>Paramètres → Abonnement → Informations de facturation</strong>.</li>
                            <li>Cliquez sur <strong>Mettre à jour la carte</strong> et saisissez le nouveau numéro de carte, la date d'expiration et le cryptogramme.</li>
                            <li>Effectuez l'étape de vérification de votre banque si elle vous est demandée.</li>
                            <li>Cliquez sur <strong>Enregistrer</strong>. La nouvelle carte sera utilisée dès votre prochain renouvellement.</li>
                            </ol>
                            <h2>Modifier l'adresse figurant sur vos reçus</h2>
                            <p>Sur le même écran, modifiez <strong>Nom de l'entreprise</strong>, <strong>Adresse de facturation</strong> et <strong>Numéro de TVA</strong>. L'ajout d'un numéro de TVA intracommunautaire valide supprime la TVA de vos prochains prélèvements d'abonnement, selon le mécanisme d'autoliquidation.</p>
                            <h3>Le paiement a échoué ?</h3>
                            <p>Nous réessayons un paiement échoué trois fois sur sept jours et prévenons le propriétaire par e-mail à chaque fois. La mise à jour de votre carte déclenche une nouvelle tentative immédiate, afin que votre compte reste actif.</p>
                            """
                    ),
                ]
            ),
            DemoArticle(
                title: "Change your Brightbill plan",
                body: """
                    <p>You can move between the Starter, Growth and Pro plans at any time. Your invoices, customers and settings are kept when you switch.</p>
                    <h2>Upgrade or downgrade</h2>
                    <ol>
                    <li>Go to <strong>Settings → Subscription</strong>.</li>
                    <li>Click <strong>Change plan</strong> and compare the plans side by side.</li>
                    <li>Choose monthly or yearly billing. Yearly billing costs the same as ten months.</li>
                    <li>Click <strong>Confirm</strong>.</li>
                    </ol>
                    <h2>How you are charged</h2>
                    <ul>
                    <li><strong>Upgrades</strong> take effect immediately. You pay a prorated amount for the rest of the current period.</li>
                    <li><strong>Downgrades</strong> take effect at the end of the current period. No partial refunds are issued.</li>
                    </ul>
                    <p>If you have more team members or monthly invoices than the new plan allows, Brightbill tells you what to change before you can downgrade. Receipts for every charge are available under <strong>Settings → Subscription → Receipts</strong>.</p>
                    """,
                tags: ["plans", "pricing", "subscription", "upgrade"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Changer de formule Brightbill",
                        body: """
                            <p>Vous pouvez passer d'une formule à l'autre (Starter, Growth et Pro) à tout moment. Vos factures, clients et paramètres sont conservés lors du changement.</p>
                            <h2>Passer à une formule supérieure ou inférieure</h2>
                            <ol>
                            <li>Allez dans <strong>Paramètres → Abonnement</strong>.</li>
                            <li>Cliquez sur <strong>Changer de formule</strong> et comparez les formules côte à côte.</li>
                            <li>Choisissez une facturation mensuelle ou annuelle. La facturation annuelle coûte le prix de dix mois.</li>
                            <li>Cliquez sur <strong>Confirmer</strong>.</li>
                            </ol>
                            <h2>Comment vous êtes facturé</h2>
                            <ul>
                            <li><strong>Les passages à une formule supérieure</strong> prennent effet immédiatement. Vous payez un montant calculé au prorata pour le reste de la période en cours.</li>
                            <li><strong>Les passages à une formule inférieure</strong> prennent effet à la fin de la période en cours. Aucun remboursement partiel n'est effectué.</li>
                            </ul>
                            <p>Si vous avez plus de membres d'équipe ou de factures mensuelles que la nouvelle formule n'en autorise, Brightbill vous indique ce qu'il faut modifier avant de pouvoir changer. Les reçus de chaque prélèvement sont disponibles dans <strong>Paramètres → Abonnement → Reçus</strong>.</p>
                            """
                    ),
                ]
            ),
            DemoArticle(
                title: "Cancel your subscription",
                body: """
                    <p>We are sorry to see you go. You can cancel your Brightbill subscription yourself, at any time, without contacting us.</p>
                    <h2>Before you cancel</h2>
                    <ul>
                    <li>Export your data: invoices, customers and payments can be downloaded as CSV from <strong>Reports → Export</strong>.</li>
                    <li>Stop your recurring invoices, or your customers will stop receiving them without warning.</li>
                    <li>Tell your customers if they pay you through saved payment links.</li>
                    </ul>
                    <h2>Cancel</h2>
                    <ol>
                    <li>Go to <strong>Settings → Subscription</strong>.</li>
                    <li>Click <strong>Cancel subscription</strong> at the bottom of the page.</li>
                    <li>Tell us why you are leaving (optional) and click <strong>Confirm cancellation</strong>.</li>
                    </ol>
                    <p>Your account stays fully usable until the end of the period you have paid for. After that, it becomes read-only for 90 days so you can still download documents, and then it is permanently deleted. You can reactivate at any time during those 90 days.</p>
                    """,
                tags: ["cancel", "subscription", "account", "export"],
                translations: []
            ),
        ]
    )

    // MARK: - Invoices & payments

    private static let invoices = DemoFolder(
        name: "Invoices",
        description: "Recurring invoices, reminders, taxes, credit notes, exports and email delivery.",
        visibility: .allUsers,
        companyDomains: [],
        articles: [
            DemoArticle(
                title: "Set up recurring invoices",
                body: """
                    <p>Recurring invoices are perfect for retainers, subscriptions and rent. Brightbill creates and sends each invoice on schedule, so you never forget to bill.</p>
                    <h2>Create a recurring invoice</h2>
                    <ol>
                    <li>Go to <strong>Invoices → Recurring</strong> and click <strong>New recurring invoice</strong>.</li>
                    <li>Choose the customer and add line items as for a normal invoice.</li>
                    <li>Set the frequency: weekly, monthly, quarterly or yearly.</li>
                    <li>Pick a start date and either an end date or a number of occurrences, or leave it open-ended.</li>
                    <li>Choose whether each invoice is <strong>sent automatically</strong> or saved as a draft for you to review.</li>
                    <li>Click <strong>Start schedule</strong>.</li>
                    </ol>
                    <h3>Automatic payments</h3>
                    <p>If the customer saves a card or direct debit mandate on their first payment, you can turn on <strong>Charge automatically</strong> and every future invoice is paid on its issue date.</p>
                    <p>Changes to a schedule only affect invoices that have not been created yet. To skip one occurrence, open the schedule and click <strong>Skip next</strong>.</p>
                    """,
                tags: ["recurring", "invoices", "subscriptions", "automation"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Configurer des factures récurrentes",
                        body: """
                            <p>Les factures récurrentes sont idéales pour les forfaits, les abonnements et les loyers. Brightbill crée et envoie chaque facture selon le calendrier prévu, pour que vous n'oubliiez jamais de facturer.</p>
                            <h2>Créer une facture récurrente</h2>
                            <ol>
                            <li>Allez dans <strong>Factures → Récurrentes</strong> et cliquez sur <strong>Nouvelle facture récurrente</strong>.</li>
                            <li>Choisissez le client et ajoutez des lignes comme pour une facture normale.</li>
                            <li>Définissez la fréquence : hebdomadaire, mensuelle, trimestrielle ou annuelle.</li>
                            <li>Choisissez une date de début et soit une date de fin, soit un nombre d'occurrences, ou laissez la durée illimitée.</li>
                            <li>Indiquez si chaque facture est <strong>envoyée automatiquement</strong> ou enregistrée comme brouillon pour que vous la vérifiiez.</li>
                            <li>Cliquez sur <strong>Démarrer le calendrier</strong>.</li>
                            </ol>
                            <h3>Paiements automatiques</h3>
                            <p>Si le client enregistre une carte ou un mandat de prélèvement lors de son premier paiement, vous pouvez activer <strong>Prélever automatiquement</strong> : chaque facture suivante est alors réglée à sa date d'émission.</p>
                            <p>Les modifications d'un calendrier ne concernent que les factures qui n'ont pas encore été créées. Pour sauter une occurrence, ouvrez le calendrier et cliquez sur <strong>Sauter la prochaine</strong>.</p>
                            """
                    ),
                ]
            ),
            DemoArticle(
                title: "Send automatic payment reminders",
                body: """
                    <p>Automatic reminders politely chase late payers for you. Most businesses get paid noticeably faster after turning them on.</p>
                    <h2>Turn on reminders</h2>
                    <ol>
                    <li>Go to <strong>Settings → Reminders</strong>.</li>
                    <li>Switch on <strong>Send payment reminders</strong>.</li>
                    <li>Choose when reminders are sent, for example 3 days before the due date, on the due date and 7 days after.</li>
                    <li>Edit the wording of each message. Placeholders such as <code>{invoice_number}</code> and <code>{amount_due}</code> are filled in for you.</li>
                    <li>Click <strong>Save</strong>.</li>
                    </ol>
                    <h3>Exclude a customer</h3>
                    <p>Open the customer, click <strong>Edit</strong> and untick <strong>Send reminders</strong>. This is useful for long-standing clients who pay on their own schedule.</p>
                    <p>Reminders stop as soon as an invoice is fully paid or marked as paid. Each one is logged on the invoice timeline so you can see what your customer received and when.</p>
                    """,
                tags: ["reminders", "overdue", "invoices", "automation"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Envoyer des relances de paiement automatiques",
                        body: """
                            <p>Les relances automatiques rappellent poliment les retardataires à votre place. La plupart des entreprises sont payées nettement plus vite après les avoir activées.</p>
                            <h2>Activer les relances</h2>
                            <ol>
                            <li>Allez dans <strong>Paramètres → Relances</strong>.</li>
                            <li>Activez <strong>Envoyer des relances de paiement</strong>.</li>
                            <li>Choisissez quand les relances sont envoyées, par exemple 3 jours avant l'échéance, le jour de l'échéance et 7 jours après.</li>
                            <li>Modifiez le texte de chaque message. Les variables comme <code>{invoice_number}</code> et <code>{amount_due}</code> sont remplies automatiquement.</li>
                            <li>Cliquez sur <strong>Enregistrer</strong>.</li>
                            </ol>
                            <h3>Exclure un client</h3>
                            <p>Ouvrez la fiche du client, cliquez sur <strong>Modifier</strong> et décochez <strong>Envoyer des relances</strong>. C'est utile pour les clients de longue date qui paient à leur propre rythme.</p>
                            <p>Les relances s'arrêtent dès qu'une facture est entièrement payée ou marquée comme payée. Chacune est consignée dans l'historique de la facture, pour que vous sachiez ce que votre client a reçu et quand.</p>
                            """
                    ),
                ]
            ),
            DemoArticle(
                title: "Add VAT and sales tax to invoices",
                body: """
                    <p>Brightbill calculates tax on each line of an invoice and shows a tax summary at the bottom, as required by most tax authorities.</p>
                    <h2>Create tax rates</h2>
                    <ol>
                    <li>Go to <strong>Settings → Taxes</strong> and click <strong>Add tax rate</strong>.</li>
                    <li>Enter a name (for example <em>VAT 20%</em>) and the percentage.</li>
                    <li>Optionally tick <strong>Default</strong> so the rate is applied to new line items automatically.</li>
                    </ol>
                    <h2>Apply tax on an invoice</h2>
                    <p>On each line item, choose one or more tax rates from the <strong>Tax</strong> column. Use <strong>Prices include tax</strong> if your prices are tax-inclusive.</p>
                    <h3>Selling to businesses in other EU countries</h3>
                    <ul>
                    <li>Add your customer's VAT number to their profile. Brightbill validates it against VIES.</li>
                    <li>Choose the <strong>Reverse charge</strong> rate (0%). The legally required note is added to the invoice.</li>
                    </ul>
                    <blockquote>Brightbill does not file tax returns for you. Use <strong>Reports → Tax summary</strong> to get the totals your accountant needs.</blockquote>
                    """,
                tags: ["vat", "tax", "sales-tax", "invoices"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Ajouter la TVA et les taxes sur les factures",
                        body: """
                            <p>Brightbill calcule la taxe sur chaque ligne de facture et affiche un récapitulatif des taxes en bas du document, comme l'exigent la plupart des administrations fiscales.</p>
                            <h2>Créer des taux de taxe</h2>
                            <ol>
                            <li>Allez dans <strong>Paramètres → Taxes</strong> et cliquez sur <strong>Ajouter un taux</strong>.</li>
                            <li>Saisissez un nom (par exemple <em>TVA 20 %</em>) et le pourcentage.</li>
                            <li>Cochez éventuellement <strong>Par défaut</strong> pour que le taux s'applique automatiquement aux nouvelles lignes.</li>
                            </ol>
                            <h2>Appliquer une taxe sur une facture</h2>
                            <p>Sur chaque ligne, choisissez un ou plusieurs taux dans la colonne <strong>Taxe</strong>. Utilisez <strong>Prix TTC</strong> si vos prix incluent déjà la taxe.</p>
                            <h3>Vendre à des entreprises d'autres pays de l'UE</h3>
                            <ul>
                            <li>Ajoutez le numéro de TVA de votre client à sa fiche. Brightbill le vérifie auprès du système VIES.</li>
                            <li>Choisissez le taux <strong>Autoliquidation</strong> (0 %). La mention légale obligatoire est ajoutée à la facture.</li>
                            </ul>
                            <blockquote>Brightbill ne dépose pas vos déclarations fiscales. Utilisez <strong>Rapports → Récapitulatif des taxes</strong> pour obtenir les totaux dont votre comptable a besoin.</blockquote>
                            """
                    ),
                ]
            ),
            DemoArticle(
                title: "Issue a credit note",
                body: """
                    <p>A sent invoice cannot be edited or deleted, because that would break your numbering and audit trail. To correct a mistake or give a discount after the fact, issue a credit note.</p>
                    <h2>Create a credit note</h2>
                    <ol>
                    <li>Open the invoice and click <strong>More → Create credit note</strong>.</li>
                    <li>Brightbill copies the invoice lines. Remove lines or lower amounts so the credit note shows only what you are crediting.</li>
                    <li>Add a reason, for example <em>Damaged goods returned</em>.</li>
                    <li>Click <strong>Issue credit note</strong> and, if you wish, send it to the customer.</li>
                    </ol>
                    <h2>What happens next</h2>
                    <ul>
                    <li>If the invoice is unpaid, the credit reduces the amount due.</li>
                    <li>If it is already paid, the credit is kept on the customer's balance and applied to their next invoice, or you can refund it. See <em>Refund a customer payment</em>.</li>
                    </ul>
                    <p>Credit notes have their own number sequence (for example <code>CN-0042</code>) and appear in your tax reports as negative amounts.</p>
                    """,
                tags: ["credit-note", "invoices", "corrections", "refunds"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Émettre un avoir",
                        body: """
                            <p>Une facture envoyée ne peut être ni modifiée ni supprimée, car cela casserait votre numérotation et votre piste d'audit. Pour corriger une erreur ou accorder une remise après coup, émettez un avoir.</p>
                            <h2>Créer un avoir</h2>
                            <ol>
                            <li>Ouvrez la facture et cliquez sur <strong>Plus → Créer un avoir</strong>.</li>
                            <li>Brightbill copie les lignes de la facture. Supprimez des lignes ou réduisez les montants pour que l'avoir n'indique que ce que vous créditez.</li>
                            <li>Ajoutez un motif, par exemple <em>Marchandise endommagée retournée</em>.</li>
                            <li>Cliquez sur <strong>Émettre l'avoir</strong> et, si vous le souhaitez, envoyez-le au client.</li>
                            </ol>
                            <h2>Et ensuite ?</h2>
                            <ul>
                            <li>Si la facture est impayée, l'avoir réduit le montant dû.</li>
                            <li>Si elle est déjà payée, l'avoir est conservé sur le solde du client et imputé sur sa prochaine facture, ou vous pouvez le rembourser. Consultez <em>Rembourser un paiement client</em>.</li>
                            </ul>
                            <p>Les avoirs ont leur propre séquence de numérotation (par exemple <code>CN-0042</code>) et apparaissent dans vos rapports fiscaux en montants négatifs.</p>
                            """
                    ),
                ]
            ),
            DemoArticle(
                title: "Export invoices and payments to CSV",
                body: """
                    <p>Need your data in a spreadsheet or for your accountant? Every list in Brightbill can be exported to CSV.</p>
                    <h2>Export a list</h2>
                    <ol>
                    <li>Go to <strong>Reports → Export</strong>.</li>
                    <li>Choose what to export: invoices, invoice lines, payments, customers, credit notes or expenses.</li>
                    <li>Pick a date range and, optionally, a status such as <em>Paid</em> or <em>Overdue</em>.</li>
                    <li>Choose the separator (comma or semicolon) and the date format your spreadsheet expects.</li>
                    <li>Click <strong>Export</strong>. Small exports download immediately; large ones are emailed to you as a link valid for 24 hours.</li>
                    </ol>
                    <h3>Opening the file in Excel</h3>
                    <p>Files are encoded as UTF-8. If accented characters look wrong, use <strong>Data → From Text/CSV</strong> in Excel and select UTF-8 instead of opening the file by double-clicking.</p>
                    <p>To download all invoice PDFs at once, use <strong>Reports → Export → PDF archive</strong>, which produces a ZIP file.</p>
                    """,
                tags: ["export", "csv", "reports", "excel"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Exporter les factures et les paiements au format CSV",
                        body: """
                            <p>Besoin de vos données dans un tableur ou pour votre comptable ? Chaque liste de Brightbill peut être exportée au format CSV.</p>
                            <h2>Exporter une liste</h2>
                            <ol>
                            <li>Allez dans <strong>Rapports → Export</strong>.</li>
                            <li>Choisissez ce que vous voulez exporter : factures, lignes de facture, paiements, clients, avoirs ou dépenses.</li>
                            <li>Choisissez une période et, si besoin, un statut comme <em>Payée</em> ou <em>En retard</em>.</li>
                            <li>Choisissez le séparateur (virgule ou point-virgule) et le format de date attendus par votre tableur.</li>
                            <li>Cliquez sur <strong>Exporter</strong>. Les petits exports se téléchargent immédiatement ; les plus volumineux vous sont envoyés par e-mail sous forme de lien valable 24 heures.</li>
                            </ol>
                            <h3>Ouvrir le fichier dans Excel</h3>
                            <p>Les fichiers sont encodés en UTF-8. Si les caractères accentués s'affichent mal, utilisez <strong>Données → À partir d'un fichier texte/CSV</strong> dans Excel et sélectionnez UTF-8 au lieu d'ouvrir le fichier par un double-clic.</p>
                            <p>Pour télécharger tous les PDF de factures en une fois, utilisez <strong>Rapports → Export → Archive PDF</strong>, qui produit un fichier ZIP.</p>
                            """
                    ),
                ]
            ),
            DemoArticle(
                title: "Troubleshooting: invoice emails not arriving",
                body: """
                    <p>If a customer says they never received an invoice, these checks will find the cause in most cases.</p>
                    <h2>1. Check the delivery status</h2>
                    <p>Open the invoice and look at the timeline. Each email shows <em>Delivered</em>, <em>Opened</em>, <em>Bounced</em> or <em>Marked as spam</em>.</p>
                    <h2>2. Fix the common problems</h2>
                    <ul>
                    <li><strong>Bounced:</strong> the address is wrong or the mailbox is full. Correct the customer's email and click <strong>Resend</strong>.</li>
                    <li><strong>Delivered but not seen:</strong> ask the customer to check their spam folder and to add <code>invoices@brightbill.example</code> to their contacts.</li>
                    <li><strong>Marked as spam:</strong> the customer reported an earlier email as spam. Brightbill stops emailing that address until you reactivate it on the customer's page.</li>
                    </ul>
                    <h2>3. Send from your own domain</h2>
                    <p>Emails sent from your own domain are trusted more by spam filters.</p>
                    <ol>
                    <li>Go to <strong>Settings → Email → Sending domain</strong>.</li>
                    <li>Add the three DNS records shown (SPF, DKIM and return path) at your domain provider.</li>
                    <li>Click <strong>Verify</strong>. DNS changes can take up to 24 hours to apply.</li>
                    </ol>
                    <p>You can always copy the invoice link with <strong>More → Copy link</strong> and send it yourself.</p>
                    """,
                tags: ["email", "delivery", "spam", "troubleshooting"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Dépannage : les e-mails de facture n'arrivent pas",
                        body: """
                            <p>Si un client affirme n'avoir jamais reçu une facture, ces vérifications permettent d'en trouver la cause dans la plupart des cas.</p>
                            <h2>1. Vérifier l'état de distribution</h2>
                            <p>Ouvrez la facture et consultez l'historique. Chaque e-mail indique <em>Distribué</em>, <em>Ouvert</em>, <em>Rejeté</em> ou <em>Signalé comme spam</em>.</p>
                            <h2>2. Corriger les problèmes courants</h2>
                            <ul>
                            <li><strong>Rejeté :</strong> l'adresse est erronée ou la boîte de réception est pleine. Corrigez l'e-mail du client et cliquez sur <strong>Renvoyer</strong>.</li>
                            <li><strong>Distribué mais pas vu :</strong> demandez au client de vérifier ses courriers indésirables et d'ajouter <code>invoices@brightbill.example</code> à ses contacts.</li>
                            <li><strong>Signalé comme spam :</strong> le client a signalé un précédent e-mail comme spam. Brightbill cesse d'écrire à cette adresse jusqu'à ce que vous la réactiviez depuis la fiche du client.</li>
                            </ul>
                            <h2>3. Envoyer depuis votre propre domaine</h2>
                            <p>Les e-mails envoyés depuis votre propre domaine inspirent davantage confiance aux filtres anti-spam.</p>
                            <ol>
                            <li>Allez dans <strong>Paramètres → E-mail → Domaine d'envoi</strong>.</li>
                            <li>Ajoutez les trois enregistrements DNS indiqués (SPF, DKIM et return-path) chez votre fournisseur de domaine.</li>
                            <li>Cliquez sur <strong>Vérifier</strong>. La prise en compte des modifications DNS peut prendre jusqu'à 24 heures.</li>
                            </ol>
                            <p>Vous pouvez toujours copier le lien de la facture avec <strong>Plus → Copier le lien</strong> et l'envoyer vous-même.</p>
                            """
                    ),
                ]
            ),
        ]
    )

    private static let payments = DemoFolder(
        name: "Payments",
        description: "Online payments, refunds and payouts.",
        visibility: .allUsers,
        companyDomains: [],
        articles: [
            DemoArticle(
                title: "Accept card and bank payments online",
                body: """
                    <p>Let customers pay invoices online by card, Apple Pay, Google Pay or bank transfer. Paid invoices are marked as paid automatically.</p>
                    <h2>Connect a payment provider</h2>
                    <ol>
                    <li>Go to <strong>Settings → Payments</strong>.</li>
                    <li>Click <strong>Connect</strong> next to Stripe or GoCardless.</li>
                    <li>Sign in to the provider, or create an account, and approve the connection.</li>
                    <li>Back in Brightbill, choose which payment methods to offer by default.</li>
                    </ol>
                    <h2>How your customers pay</h2>
                    <p>Each invoice email contains a <strong>Pay now</strong> button. It opens a secure payment page with your branding, where the customer picks a method and pays in full.</p>
                    <h3>Fees</h3>
                    <ul>
                    <li>Brightbill does not add any fees on top of the provider's.</li>
                    <li>You can pass card fees on to customers with a surcharge where local law allows it.</li>
                    </ul>
                    <p>Payouts reach your bank account on the provider's schedule, usually within two to seven working days.</p>
                    """,
                tags: ["payments", "payment-methods", "stripe", "cards"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Accepter les paiements par carte et par virement en ligne",
                        body: """
                            <p>Permettez à vos clients de régler leurs factures en ligne par carte, Apple Pay, Google Pay ou virement bancaire. Les factures réglées sont automatiquement marquées comme payées.</p>
                            <h2>Connecter un prestataire de paiement</h2>
                            <ol>
                            <li>Allez dans <strong>Paramètres → Paiements</strong>.</li>
                            <li>Cliquez sur <strong>Connecter</strong> à côté de Stripe ou GoCardless.</li>
                            <li>Connectez-vous au prestataire, ou créez un compte, et approuvez la connexion.</li>
                            <li>De retour dans Brightbill, choisissez les moyens de paiement proposés par défaut.</li>
                            </ol>
                            <h2>Comment vos clients paient</h2>
                            <p>Chaque e-mail de facture contient un bouton <strong>Payer maintenant</strong>. Il ouvre une page de paiement sécurisée à vos couleurs, où le client choisit un moyen de paiement et règle la totalité.</p>
                            <h3>Frais</h3>
                            <ul>
                            <li>Brightbill n'ajoute aucun frais à ceux du prestataire.</li>
                            <li>Vous pouvez répercuter les frais de carte sur vos clients au moyen d'une majoration, lorsque la loi locale l'autorise.</li>
                            </ul>
                            <p>Les versements arrivent sur votre compte bancaire selon le calendrier du prestataire, généralement sous deux à sept jours ouvrés.</p>
                            """
                    ),
                ]
            ),
            DemoArticle(
                title: "Refund a customer payment",
                body: """
                    <p>You can refund all or part of a payment that was made online through Brightbill. The money goes back to the card or bank account the customer paid with.</p>
                    <h2>Issue a refund</h2>
                    <ol>
                    <li>Open the paid invoice and find the payment in the <strong>Payments</strong> section.</li>
                    <li>Click <strong>Refund</strong>.</li>
                    <li>Enter the amount. Leave the full amount for a complete refund.</li>
                    <li>Choose a reason and click <strong>Confirm refund</strong>.</li>
                    </ol>
                    <p>Brightbill creates a matching credit note automatically, so your reports stay correct.</p>
                    <h3>How long does it take?</h3>
                    <ul>
                    <li><strong>Card refunds:</strong> usually appear on the customer's statement within 5 to 10 working days.</li>
                    <li><strong>Direct debit refunds:</strong> take 3 to 5 working days.</li>
                    </ul>
                    <p>Payments received outside Brightbill, such as cash or a manual bank transfer, cannot be refunded from here. Record the refund with <strong>More → Record refund</strong> after you pay the customer back yourself. Payment provider fees are usually not returned when you refund.</p>
                    """,
                tags: ["refunds", "payments", "credit-note"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Rembourser un paiement client",
                        body: """
                            <p>Vous pouvez rembourser tout ou partie d'un paiement effectué en ligne via Brightbill. L'argent est reversé sur la carte ou le compte bancaire utilisé par le client.</p>
                            <h2>Effectuer un remboursement</h2>
                            <ol>
                            <li>Ouvrez la facture payée et repérez le paiement dans la section <strong>Paiements</strong>.</li>
                            <li>Cliquez sur <strong>Rembourser</strong>.</li>
                            <li>Saisissez le montant. Laissez le montant total pour un remboursement complet.</li>
                            <li>Choisissez un motif et cliquez sur <strong>Confirmer le remboursement</strong>.</li>
                            </ol>
                            <p>Brightbill crée automatiquement l'avoir correspondant, pour que vos rapports restent justes.</p>
                            <h3>Combien de temps cela prend-il ?</h3>
                            <ul>
                            <li><strong>Remboursements par carte :</strong> ils apparaissent généralement sur le relevé du client sous 5 à 10 jours ouvrés.</li>
                            <li><strong>Remboursements de prélèvements :</strong> comptez 3 à 5 jours ouvrés.</li>
                            </ul>
                            <p>Les paiements reçus en dehors de Brightbill, comme les espèces ou un virement manuel, ne peuvent pas être remboursés d'ici. Enregistrez le remboursement avec <strong>Plus → Enregistrer un remboursement</strong> après avoir remboursé le client vous-même. Les frais du prestataire de paiement ne sont généralement pas restitués en cas de remboursement.</p>
                            """
                    ),
                ]
            ),
            DemoArticle(
                title: "Why hasn't my payout arrived?",
                body: """
                    <p>Customer payments are collected by your payment provider (Stripe or GoCardless) and then paid out to your bank account. Brightbill never holds your money.</p>
                    <h2>Typical payout times</h2>
                    <ul>
                    <li><strong>Stripe:</strong> 2 working days in most countries, up to 7 days for your first payout.</li>
                    <li><strong>GoCardless:</strong> 2 working days after the payment is confirmed, which itself takes 3 working days.</li>
                    </ul>
                    <h2>Check the payout status</h2>
                    <ol>
                    <li>Go to <strong>Payments → Payouts</strong>.</li>
                    <li>Find the payout and check its status: <em>Pending</em>, <em>In transit</em> or <em>Paid</em>.</li>
                    <li>Click the payout to see which invoices it includes.</li>
                    </ol>
                    <h3>Common causes of delays</h3>
                    <ul>
                    <li>Your provider is still verifying your identity or business documents.</li>
                    <li>Bank holidays in your country or the customer's.</li>
                    <li>A payment was disputed, so its amount was held back.</li>
                    </ul>
                    <p>If a payout marked <em>Paid</em> has not reached your bank after five working days, contact your payment provider with the payout reference shown in Brightbill.</p>
                    """,
                tags: ["payouts", "payments", "bank", "stripe"],
                translations: []
            ),
        ]
    )

    // MARK: - Administration

    private static let integrationsAndData = DemoFolder(
        name: "Integrations & data",
        description: "Accounting integrations, the Brightbill API and data protection.",
        visibility: .allUsers,
        companyDomains: [],
        articles: [
            DemoArticle(
                title: "Connect Brightbill to your accounting software",
                body: """
                    <p>Brightbill syncs invoices, payments and customers with popular accounting tools, so you never type the same data twice.</p>
                    <h2>Supported integrations</h2>
                    <ul>
                    <li>Xero</li>
                    <li>QuickBooks Online</li>
                    <li>Sage Business Cloud</li>
                    <li>Zapier, for connecting more than 5,000 other apps</li>
                    </ul>
                    <h2>Connect an integration</h2>
                    <ol>
                    <li>Go to <strong>Settings → Integrations</strong>.</li>
                    <li>Click <strong>Connect</strong> next to the app you use and sign in to it.</li>
                    <li>Map your accounts: choose the sales account, the bank account for payments and how tax rates correspond.</li>
                    <li>Choose the sync start date. Only invoices created on or after that date are sent.</li>
                    <li>Click <strong>Start sync</strong>.</li>
                    </ol>
                    <h3>How syncing works</h3>
                    <p>New and updated invoices are synced within a few minutes. Payments recorded in Brightbill are pushed to your accounting software, not the other way around. If an item fails to sync, it is listed under <strong>Settings → Integrations → Sync errors</strong> with the reason and a <strong>Retry</strong> button.</p>
                    """,
                tags: ["integrations", "xero", "quickbooks", "accounting"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Connecter Brightbill à votre logiciel de comptabilité",
                        body: """
                            <p>Brightbill synchronise les factures, les paiements et les clients avec les outils de comptabilité les plus répandus, pour que vous ne saisissiez jamais deux fois les mêmes données.</p>
                            <h2>Intégrations disponibles</h2>
                            <ul>
                            <li>Xero</li>
                            <li>QuickBooks Online</li>
                            <li>Sage Business Cloud</li>
                            <li>Zapier, pour connecter plus de 5 000 autres applications</li>
                            </ul>
                            <h2>Connecter une intégration</h2>
                            <ol>
                            <li>Allez dans <strong>Paramètres → Intégrations</strong>.</li>
                            <li>Cliquez sur <strong>Connecter</strong> à côté de l'application que vous utilisez et connectez-vous à celle-ci.</li>
                            <li>Associez vos comptes : choisissez le compte de ventes, le compte bancaire des paiements et la correspondance des taux de taxe.</li>
                            <li>Choisissez la date de début de synchronisation. Seules les factures créées à partir de cette date sont envoyées.</li>
                            <li>Cliquez sur <strong>Lancer la synchronisation</strong>.</li>
                            </ol>
                            <h3>Fonctionnement de la synchronisation</h3>
                            <p>Les factures nouvelles ou modifiées sont synchronisées en quelques minutes. Les paiements enregistrés dans Brightbill sont envoyés vers votre logiciel de comptabilité, et non l'inverse. Si un élément ne se synchronise pas, il apparaît dans <strong>Paramètres → Intégrations → Erreurs de synchronisation</strong> avec le motif et un bouton <strong>Réessayer</strong>.</p>
                            """
                    ),
                ]
            ),
            DemoArticle(
                title: "Create and manage API keys",
                body: """
                    <p>The Brightbill REST API lets developers create invoices, look up payments and sync customers from their own systems. Every request is authenticated with an API key.</p>
                    <h2>Create an API key</h2>
                    <ol>
                    <li>Go to <strong>Settings → Developers → API keys</strong>. Only owners and admins see this page.</li>
                    <li>Click <strong>Create key</strong>, give it a descriptive name and choose its scope: <em>Read only</em> or <em>Read and write</em>.</li>
                    <li>Copy the key straight away. For security, it is shown only once.</li>
                    </ol>
                    <h2>Use the key</h2>
                    <p>Send the key in the <code>Authorization</code> header:</p>
                    <pre><code>curl https://api.brightbill.example/v1/invoices -H "Authorization: Bearer bb_live_your_key"</code></pre>
                    <h3>Keep keys safe</h3>
                    <ul>
                    <li>Never put keys in front-end code or public repositories.</li>
                    <li>Use a separate key for each integration so you can revoke one without breaking the others.</li>
                    <li>If a key leaks, click <strong>Revoke</strong>. It stops working immediately.</li>
                    </ul>
                    <p>Full reference: <a href="https://developers.brightbill.example">developers.brightbill.example</a>.</p>
                    """,
                tags: ["api", "api-keys", "developers", "security"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Créer et gérer des clés d'API",
                        body: """
                            <p>L'API REST de Brightbill permet aux développeurs de créer des factures, de consulter des paiements et de synchroniser des clients depuis leurs propres systèmes. Chaque requête est authentifiée par une clé d'API.</p>
                            <h2>Créer une clé d'API</h2>
                            <ol>
                            <li>Allez dans <strong>Paramètres → Développeurs → Clés d'API</strong>. Seuls les propriétaires et les administrateurs voient cette page.</li>
                            <li>Cliquez sur <strong>Créer une clé</strong>, donnez-lui un nom explicite et choisissez sa portée : <em>Lecture seule</em> ou <em>Lecture et écriture</em>.</li>
                            <li>Copiez la clé immédiatement. Pour des raisons de sécurité, elle n'est affichée qu'une seule fois.</li>
                            </ol>
                            <h2>Utiliser la clé</h2>
                            <p>Envoyez la clé dans l'en-tête <code>Authorization</code> :</p>
                            <pre><code>curl https://api.brightbill.example/v1/invoices -H "Authorization: Bearer bb_live_votre_cle"</code></pre>
                            <h3>Protéger vos clés</h3>
                            <ul>
                            <li>Ne placez jamais de clés dans du code front-end ni dans des dépôts publics.</li>
                            <li>Utilisez une clé distincte pour chaque intégration afin de pouvoir en révoquer une sans casser les autres.</li>
                            <li>Si une clé a fuité, cliquez sur <strong>Révoquer</strong>. Elle cesse de fonctionner immédiatement.</li>
                            </ul>
                            <p>Documentation complète : <a href="https://developers.brightbill.example">developers.brightbill.example</a>.</p>
                            """
                    ),
                ]
            ),
            DemoArticle(
                title: "Your data, privacy and GDPR",
                body: """
                    <p>Your invoices contain personal data about your customers. Brightbill is designed to help you meet your obligations under the GDPR and similar laws.</p>
                    <h2>Where your data is stored</h2>
                    <p>Accounts created in the EU are hosted in Frankfurt, Germany. Data is encrypted in transit and at rest, and backups are kept for 30 days.</p>
                    <h2>Handle a customer's data request</h2>
                    <ol>
                    <li>Open the customer and click <strong>More → Privacy</strong>.</li>
                    <li>Click <strong>Export personal data</strong> to download everything stored about them as a JSON file.</li>
                    <li>To erase them, click <strong>Anonymise customer</strong>. Names, emails and addresses are removed, while invoice amounts are kept as the law requires for accounting.</li>
                    </ol>
                    <h3>Data processing agreement</h3>
                    <p>A data processing agreement (DPA) is included in our terms. Owners can download a signed copy under <strong>Settings → Account → Legal</strong>. Our list of sub-processors is published at <a href="https://brightbill.example/legal/subprocessors">brightbill.example/legal/subprocessors</a>.</p>
                    """,
                tags: ["gdpr", "privacy", "data-protection", "security"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Vos données, la confidentialité et le RGPD",
                        body: """
                            <p>Vos factures contiennent des données personnelles sur vos clients. Brightbill est conçu pour vous aider à respecter vos obligations au titre du RGPD et des lois similaires.</p>
                            <h2>Où vos données sont stockées</h2>
                            <p>Les comptes créés dans l'UE sont hébergés à Francfort, en Allemagne. Les données sont chiffrées en transit et au repos, et les sauvegardes sont conservées 30 jours.</p>
                            <h2>Traiter la demande d'un client concernant ses données</h2>
                            <ol>
                            <li>Ouvrez la fiche du client et cliquez sur <strong>Plus → Confidentialité</strong>.</li>
                            <li>Cliquez sur <strong>Exporter les données personnelles</strong> pour télécharger toutes les informations le concernant dans un fichier JSON.</li>
                            <li>Pour l'effacer, cliquez sur <strong>Anonymiser le client</strong>. Les noms, e-mails et adresses sont supprimés, tandis que les montants des factures sont conservés, comme l'exige la loi pour la comptabilité.</li>
                            </ol>
                            <h3>Accord de traitement des données</h3>
                            <p>Un accord de traitement des données (DPA) est inclus dans nos conditions. Les propriétaires peuvent en télécharger un exemplaire signé dans <strong>Paramètres → Compte → Mentions légales</strong>. La liste de nos sous-traitants est publiée sur <a href="https://brightbill.example/legal/subprocessors">brightbill.example/legal/subprocessors</a>.</p>
                            """
                    ),
                ]
            ),
        ]
    )

    private static let internalPlaybook = DemoFolder(
        name: "Internal: escalation playbook",
        description: "Internal procedures for Brightbill support agents. Not visible to customers.",
        visibility: .agents,
        companyDomains: [],
        articles: [
            DemoArticle(
                title: "Internal: escalating payment disputes and chargebacks",
                body: """
                    <p><strong>Internal — not visible to customers.</strong> Use this playbook when a customer writes in about a chargeback, a disputed card payment or money they believe is missing.</p>
                    <h2>Triage</h2>
                    <ol>
                    <li>Find the payment in the admin console and note the provider reference (it starts with <code>py_</code> or <code>PM</code>).</li>
                    <li>Check the dispute status with the provider. Brightbill cannot reverse or win disputes on the customer's behalf.</li>
                    <li>Tag the ticket <code>payments-dispute</code> and set the priority to <strong>High</strong>.</li>
                    </ol>
                    <h2>When to escalate</h2>
                    <ul>
                    <li>The amount is above 5,000 in any currency.</li>
                    <li>The customer reports more than three disputes in one week (possible fraud).</li>
                    <li>A payout has been missing for more than ten working days.</li>
                    </ul>
                    <p>Escalate to the Payments team in the <code>#payments-escalations</code> channel with the account ID, payment reference, amount and what the customer expects. Reply to the customer within four business hours, even if only to say that we are investigating.</p>
                    <blockquote>Never promise a refund or a dispute outcome. Only the payment provider can decide.</blockquote>
                    """,
                tags: ["internal", "escalation", "disputes", "chargebacks"],
                translations: []
            ),
            DemoArticle(
                title: "Internal: handling 2FA lockouts and ownership changes",
                body: """
                    <p><strong>Internal — not visible to customers.</strong> Requests to remove two-factor authentication or to change the account owner are a common route to account takeover. Follow these steps every time.</p>
                    <h2>Verify identity</h2>
                    <ol>
                    <li>Confirm that the request comes from the account owner's email address.</li>
                    <li>Send the <em>Identity check</em> macro. The customer must reply with the last four digits of the card on file and the amount of their most recent Brightbill receipt.</li>
                    <li>For accounts on the Pro plan or with more than ten team members, also require a video call or a signed letter on company letterhead.</li>
                    </ol>
                    <h2>Act</h2>
                    <ul>
                    <li>Only team leads can reset 2FA in the admin console. Assign the ticket to the <strong>Trust &amp; Safety</strong> group.</li>
                    <li>Record the verification evidence as a private note before acting.</li>
                    <li>After the reset, all sessions are signed out and the owner receives a security alert email.</li>
                    </ul>
                    <blockquote>If anything feels wrong, such as pressure to act quickly or a recently changed owner email, stop and escalate. Never reveal which details failed verification.</blockquote>
                    """,
                tags: ["internal", "security", "2fa", "account-takeover"],
                translations: []
            ),
        ]
    )

    private static let acmeEnterprise = DemoFolder(
        name: "Acme Corporation — enterprise setup",
        description: "Single sign-on, invoice approvals and contract details for Acme Corporation.",
        visibility: .selectedCompanies,
        companyDomains: ["acme.example"],
        articles: [
            DemoArticle(
                title: "Acme: signing in with Okta single sign-on",
                body: """
                    <p>Acme Corporation's Brightbill workspace uses single sign-on through Acme's Okta tenant. Acme employees do not have, and do not need, a separate Brightbill password.</p>
                    <h2>Sign in</h2>
                    <ol>
                    <li>Go to <a href="https://acme.brightbill.example">acme.brightbill.example</a>, or open the <strong>Brightbill</strong> tile in your Okta dashboard.</li>
                    <li>Click <strong>Sign in with Acme SSO</strong>.</li>
                    <li>Enter your <code>@acme.example</code> email address and complete Okta Verify if prompted.</li>
                    </ol>
                    <h2>Getting access</h2>
                    <p>Access is granted through the Okta group <code>app-brightbill-users</code>. Request it from Acme IT with the ServiceNow catalogue item <em>Finance applications access</em>. Your Brightbill role is assigned from your Okta groups each time you sign in:</p>
                    <ul>
                    <li><code>app-brightbill-finance</code> → Accountant</li>
                    <li><code>app-brightbill-admins</code> → Admin</li>
                    </ul>
                    <p>When someone leaves Acme and is removed from Okta, their Brightbill access ends at once. Password reset links do not work for Acme accounts; contact the Acme IT service desk instead.</p>
                    """,
                tags: ["acme", "sso", "okta", "sign-in"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Acme : connexion avec l'authentification unique Okta",
                        body: """
                            <p>L'espace Brightbill d'Acme Corporation utilise l'authentification unique via le tenant Okta d'Acme. Les employés d'Acme n'ont pas de mot de passe Brightbill distinct, et n'en ont pas besoin.</p>
                            <h2>Se connecter</h2>
                            <ol>
                            <li>Rendez-vous sur <a href="https://acme.brightbill.example">acme.brightbill.example</a>, ou ouvrez la vignette <strong>Brightbill</strong> de votre tableau de bord Okta.</li>
                            <li>Cliquez sur <strong>Se connecter avec le SSO Acme</strong>.</li>
                            <li>Saisissez votre adresse e-mail <code>@acme.example</code> et validez Okta Verify si vous y êtes invité.</li>
                            </ol>
                            <h2>Obtenir un accès</h2>
                            <p>L'accès est accordé par le groupe Okta <code>app-brightbill-users</code>. Demandez-le au service informatique d'Acme via l'élément de catalogue ServiceNow <em>Finance applications access</em>. Votre rôle Brightbill est attribué à partir de vos groupes Okta à chaque connexion :</p>
                            <ul>
                            <li><code>app-brightbill-finance</code> → Comptable</li>
                            <li><code>app-brightbill-admins</code> → Administrateur</li>
                            </ul>
                            <p>Lorsqu'une personne quitte Acme et est retirée d'Okta, son accès à Brightbill prend fin immédiatement. Les liens de réinitialisation de mot de passe ne fonctionnent pas pour les comptes Acme ; contactez plutôt le centre de services informatiques d'Acme.</p>
                            """
                    ),
                ]
            ),
            DemoArticle(
                title: "Acme: approval workflow for large invoices",
                body: """
                    <p>Under Acme Corporation's enterprise contract, invoices above a set amount must be approved before they are sent. This approval workflow is switched on for the Acme workspace only.</p>
                    <h2>How it works</h2>
                    <ul>
                    <li>Invoices of <strong>USD 10,000 or more</strong> are held in the <em>Awaiting approval</em> state when you click <strong>Send</strong>.</li>
                    <li>Members of the Okta group <code>app-brightbill-approvers</code> receive an email and an in-app task.</li>
                    <li>Invoices below the threshold are sent immediately, as usual.</li>
                    </ul>
                    <h2>Approve or reject an invoice</h2>
                    <ol>
                    <li>Open <strong>Invoices → Awaiting approval</strong>.</li>
                    <li>Review the invoice, its attachments and the purchase order number, which is mandatory for Acme.</li>
                    <li>Click <strong>Approve and send</strong>, or <strong>Reject</strong> with a comment for the author.</li>
                    </ol>
                    <p>Every decision is stored in the audit log, which Acme's internal audit team can export from <strong>Reports → Audit log</strong>. To change the threshold or the approvers, ask your Acme Brightbill administrator to contact your customer success manager.</p>
                    """,
                tags: ["acme", "approvals", "invoices", "workflow"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Acme : circuit d'approbation des factures importantes",
                        body: """
                            <p>Conformément au contrat entreprise d'Acme Corporation, les factures dépassant un certain montant doivent être approuvées avant leur envoi. Ce circuit d'approbation est activé uniquement pour l'espace Acme.</p>
                            <h2>Fonctionnement</h2>
                            <ul>
                            <li>Les factures de <strong>10 000 USD ou plus</strong> passent à l'état <em>En attente d'approbation</em> lorsque vous cliquez sur <strong>Envoyer</strong>.</li>
                            <li>Les membres du groupe Okta <code>app-brightbill-approvers</code> reçoivent un e-mail et une tâche dans l'application.</li>
                            <li>Les factures inférieures au seuil sont envoyées immédiatement, comme d'habitude.</li>
                            </ul>
                            <h2>Approuver ou rejeter une facture</h2>
                            <ol>
                            <li>Ouvrez <strong>Factures → En attente d'approbation</strong>.</li>
                            <li>Vérifiez la facture, ses pièces jointes et le numéro de bon de commande, obligatoire pour Acme.</li>
                            <li>Cliquez sur <strong>Approuver et envoyer</strong>, ou sur <strong>Rejeter</strong> en ajoutant un commentaire pour l'auteur.</li>
                            </ol>
                            <p>Chaque décision est enregistrée dans le journal d'audit, que l'équipe d'audit interne d'Acme peut exporter depuis <strong>Rapports → Journal d'audit</strong>. Pour modifier le seuil ou les approbateurs, demandez à votre administrateur Brightbill chez Acme de contacter votre responsable de la réussite client.</p>
                            """
                    ),
                ]
            ),
            DemoArticle(
                title: "Acme: your enterprise contract and support",
                body: """
                    <p>This page summarises the support terms in Acme Corporation's Brightbill Enterprise agreement. If anything here differs from the signed contract, the contract prevails.</p>
                    <h2>Support channels</h2>
                    <ul>
                    <li><strong>Priority email:</strong> write to <code>acme-support@brightbill.example</code> from your <code>@acme.example</code> address.</li>
                    <li><strong>Phone:</strong> a dedicated line, listed on the Acme IT intranet, staffed around the clock for severity 1 issues.</li>
                    <li><strong>Customer success manager:</strong> a named contact who runs a quarterly business review with Acme Finance.</li>
                    </ul>
                    <h2>Response times</h2>
                    <ul>
                    <li><strong>Severity 1</strong> (invoicing unavailable): 1 hour, 24 hours a day, 7 days a week.</li>
                    <li><strong>Severity 2</strong> (major feature impaired): 4 business hours.</li>
                    <li><strong>Severity 3</strong> (questions and minor issues): 1 business day.</li>
                    </ul>
                    <h3>Uptime commitment</h3>
                    <p>The Acme agreement includes a 99.9% monthly uptime commitment backed by service credits. Current status is shown at <a href="https://status.brightbill.example">status.brightbill.example</a>. The contract renews every year on 1 March; contact your customer success manager at least 60 days before to discuss changes.</p>
                    """,
                tags: ["acme", "contract", "sla", "support"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Acme : votre contrat entreprise et le support",
                        body: """
                            <p>Cette page résume les conditions de support du contrat Brightbill Enterprise d'Acme Corporation. En cas de divergence avec le contrat signé, c'est le contrat qui prévaut.</p>
                            <h2>Canaux de support</h2>
                            <ul>
                            <li><strong>E-mail prioritaire :</strong> écrivez à <code>acme-support@brightbill.example</code> depuis votre adresse <code>@acme.example</code>.</li>
                            <li><strong>Téléphone :</strong> une ligne dédiée, indiquée sur l'intranet informatique d'Acme, joignable à toute heure pour les incidents de gravité 1.</li>
                            <li><strong>Responsable de la réussite client :</strong> un interlocuteur attitré qui organise une revue trimestrielle avec la direction financière d'Acme.</li>
                            </ul>
                            <h2>Délais de réponse</h2>
                            <ul>
                            <li><strong>Gravité 1</strong> (facturation indisponible) : 1 heure, 24 h/24 et 7 j/7.</li>
                            <li><strong>Gravité 2</strong> (fonction majeure dégradée) : 4 heures ouvrées.</li>
                            <li><strong>Gravité 3</strong> (questions et problèmes mineurs) : 1 jour ouvré.</li>
                            </ul>
                            <h3>Engagement de disponibilité</h3>
                            <p>Le contrat d'Acme comprend un engagement de disponibilité mensuelle de 99,9 % assorti d'avoirs de service. L'état actuel du service est affiché sur <a href="https://status.brightbill.example">status.brightbill.example</a>. Le contrat se renouvelle chaque année le 1er mars ; contactez votre responsable de la réussite client au moins 60 jours avant pour discuter de modifications.</p>
                            """
                    ),
                ]
            ),
        ]
    )

    private static let globexFinance = DemoFolder(
        name: "Globex — finance team guide",
        description: "Cost centres, SAP exports and multi-currency invoicing for Globex.",
        visibility: .selectedCompanies,
        companyDomains: ["globex.example"],
        articles: [
            DemoArticle(
                title: "Globex: cost centre codes on invoices",
                body: """
                    <p>Globex's finance team requires a cost centre code on every invoice so that revenue is allocated correctly in SAP. The Globex workspace has a custom field for this.</p>
                    <h2>Add the cost centre</h2>
                    <ol>
                    <li>Create the invoice as usual.</li>
                    <li>In the <strong>Globex cost centre</strong> field, pick the code from the list, for example <code>GX-4100 Consulting</code> or <code>GX-4200 Licences</code>.</li>
                    <li>Click <strong>Send</strong>. Invoices without a cost centre cannot be sent.</li>
                    </ol>
                    <h2>Export to SAP</h2>
                    <p>Every night at 02:00 CET, Brightbill exports the day's invoices and payments to the Globex SFTP server in the agreed CSV layout. You can also run the export manually:</p>
                    <ol>
                    <li>Go to <strong>Reports → Export → Globex SAP export</strong>.</li>
                    <li>Choose the date range and click <strong>Export</strong>.</li>
                    </ol>
                    <p>Missing or rejected records appear in the export log. Questions about the code list go to Globex Group Controlling; technical problems with the export go to Brightbill support.</p>
                    """,
                tags: ["globex", "cost-centre", "sap", "export"],
                translations: [
                    DemoTranslation(
                        language: "fr",
                        title: "Globex : codes de centre de coût sur les factures",
                        body: """
                            <p>L'équipe financière de Globex exige un code de centre de coût sur chaque facture afin que le chiffre d'affaires soit correctement ventilé dans SAP. L'espace Globex dispose d'un champ personnalisé à cet effet.</p>
                            <h2>Ajouter le centre de coût</h2>
                            <ol>
                            <li>Créez la facture comme d'habitude.</li>
                            <li>Dans le champ <strong>Centre de coût Globex</strong>, choisissez le code dans la liste, par exemple <code>GX-4100 Consulting</code> ou <code>GX-4200 Licences</code>.</li>
                            <li>Cliquez sur <strong>Envoyer</strong>. Les factures sans centre de coût ne peuvent pas être envoyées.</li>
                            </ol>
                            <h2>Export vers SAP</h2>
                            <p>Chaque nuit à 2 h (heure d'Europe centrale), Brightbill exporte les factures et les paiements du jour vers le serveur SFTP de Globex, au format CSV convenu. Vous pouvez aussi lancer l'export manuellement :</p>
                            <ol>
                            <li>Allez dans <strong>Rapports → Export → Export SAP Globex</strong>.</li>
                            <li>Choisissez la période et cliquez sur <strong>Exporter</strong>.</li>
                            </ol>
                            <p>Les enregistrements manquants ou rejetés figurent dans le journal d'export. Les questions sur la liste des codes sont à adresser au contrôle de gestion du groupe Globex ; les problèmes techniques liés à l'export, au support Brightbill.</p>
                            """
                    ),
                ]
            ),
            DemoArticle(
                title: "Globex: invoicing in multiple currencies",
                body: """
                    <p>Globex subsidiaries invoice customers in euros, pounds and US dollars from one Brightbill workspace. Each subsidiary is set up as a separate <strong>billing entity</strong> with its own legal details, bank account and invoice numbering.</p>
                    <h2>Choose the right entity and currency</h2>
                    <ol>
                    <li>On a new invoice, open the <strong>From</strong> menu and choose the Globex entity, for example <em>Globex GmbH</em> or <em>Globex UK Ltd</em>.</li>
                    <li>The currency defaults to the entity's currency. Change it only if the customer contract says otherwise.</li>
                    <li>Check that the bank details in the footer match the currency.</li>
                    </ol>
                    <h2>Exchange rates</h2>
                    <ul>
                    <li>Brightbill uses the European Central Bank reference rate on the invoice date for reporting in EUR, Globex's group currency.</li>
                    <li>The rate is stored on the invoice and does not change later.</li>
                    </ul>
                    <p>Consolidated reports for all Globex entities are available under <strong>Reports → Group overview</strong> to users with the Accountant role.</p>
                    """,
                tags: ["globex", "currency", "multi-entity", "invoices"],
                translations: []
            ),
        ]
    )

    private static let chatbotAnswers = DemoFolder(
        name: "Chatbot answers",
        description: "Short canned answers used by the Brightbill chatbot.",
        visibility: .bots,
        companyDomains: [],
        articles: [
            DemoArticle(
                title: "Bot answer: resetting your password",
                body: """
                    <p>No problem! You can reset your Brightbill password yourself in under two minutes.</p>
                    <ol>
                    <li>Go to the sign-in page at <a href="https://app.brightbill.example/login">app.brightbill.example/login</a>.</li>
                    <li>Click <strong>Forgot password?</strong> and enter your account email.</li>
                    <li>Open the email from Brightbill and click the reset link. It is valid for 60 minutes.</li>
                    <li>Choose a new password of at least 12 characters.</li>
                    </ol>
                    <p>Didn't get the email? Check your spam folder first. If your company signs in with single sign-on, use <strong>Sign in with SSO</strong> instead; your IT team manages your password.</p>
                    <p>Still stuck? Type <em>talk to a human</em> and I will connect you with our support team.</p>
                    """,
                tags: ["bot", "password", "sign-in"],
                translations: []
            ),
            DemoArticle(
                title: "Bot answer: talking to a human agent",
                body: """
                    <p>I can hand you over to a member of the Brightbill support team at any time.</p>
                    <ul>
                    <li><strong>Live chat:</strong> type <em>talk to a human</em> here. Agents are online Monday to Friday, 8:00 to 18:00 CET.</li>
                    <li><strong>Email:</strong> use the <a href="https://brightbill.example/contact">contact form</a>. We usually reply within one business day.</li>
                    <li><strong>Urgent payment issue?</strong> Start your message with <em>URGENT</em> so it goes to the front of the queue.</li>
                    </ul>
                    <p>To help us help you faster, please include your account email, the invoice number if your question is about an invoice, and a short description of what you expected to happen. Never share your password or full card number in chat; our agents will never ask for them.</p>
                    """,
                tags: ["bot", "contact", "support", "human"],
                translations: []
            ),
        ]
    )
}
