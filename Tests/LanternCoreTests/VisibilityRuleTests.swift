import Testing
@testable import LanternCore

@Suite("Visibility rule")
struct VisibilityRuleTests {
    @Test("Anonymous visitors see only all-users folders")
    func anonymous() {
        for kind in FolderVisibility.allCases {
            #expect(VisibilityRule.canSee(kind, folderCompanyIDs: [1], viewer: .anonymous) == (kind == .allUsers))
        }
    }

    @Test("Contacts see logged-in folders and their own companies' folders, never agents or bots folders")
    func contacts() {
        let member = Viewer.contact(companyIDs: [7, 9])
        #expect(VisibilityRule.canSee(.allUsers, folderCompanyIDs: [], viewer: member))
        #expect(VisibilityRule.canSee(.loggedInUsers, folderCompanyIDs: [], viewer: member))
        #expect(VisibilityRule.canSee(.selectedCompanies, folderCompanyIDs: [9, 11], viewer: member))
        #expect(!VisibilityRule.canSee(.selectedCompanies, folderCompanyIDs: [11], viewer: member))
        #expect(!VisibilityRule.canSee(.selectedCompanies, folderCompanyIDs: [], viewer: member))
        #expect(!VisibilityRule.canSee(.agents, folderCompanyIDs: [], viewer: member))
        #expect(!VisibilityRule.canSee(.bots, folderCompanyIDs: [], viewer: member))
        #expect(!VisibilityRule.canSee(.selectedCompanies, folderCompanyIDs: [1], viewer: .contact(companyIDs: [])))
    }

    @Test("Agents see everything; bots see all-users and bots folders")
    func agentsAndBots() {
        for kind in FolderVisibility.allCases {
            #expect(VisibilityRule.canSee(kind, folderCompanyIDs: [], viewer: .agent))
            #expect(VisibilityRule.canSee(kind, folderCompanyIDs: [1], viewer: .bot) == [.allUsers, .bots].contains(kind))
        }
    }

    @Test("Open kinds list what each viewer sees without a company check")
    func openKinds() {
        #expect(VisibilityRule.openKinds(for: .anonymous) == [.allUsers])
        #expect(VisibilityRule.openKinds(for: .contact(companyIDs: [1])) == [.allUsers, .loggedInUsers])
        #expect(VisibilityRule.openKinds(for: .bot) == [.allUsers, .bots])
        #expect(VisibilityRule.openKinds(for: .agent) == Set(FolderVisibility.allCases))
    }

    @Test("Visibility codes are the API's numbers")
    func codes() {
        #expect(FolderVisibility.allCases.map(\.rawValue) == [1, 2, 3, 4, 5])
        #expect(FolderVisibility(rawValue: 6) == nil)
    }
}
